package dev.licensereconciler.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Publishes a run folder whole (§5): files are written into the hidden sibling
 * {@code <output>/<job>/.<runId>.partial/} and then renamed in one atomic step to
 * {@code <output>/<job>/<runId>/}. Readers therefore see either nothing or the complete run.
 * Both folders live in the same directory, so the rename never crosses a file system.
 */
public final class RunFolderPublisher {

    /** Job names and run ids become path segments: no separators, no "..", no hidden names. */
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path outputDir;

    public RunFolderPublisher(Path outputDir) {
        this.outputDir = outputDir;
    }

    /** Writes the run's files; the directory it gets exists and is empty. */
    @FunctionalInterface
    public interface RunContent {
        void writeTo(Path dir) throws IOException;
    }

    /**
     * Writes and publishes a run. If the run id is already published (a restart after a crash
     * between publishing and recording it), nothing is written again and the existing folder is
     * returned. If writing or the move fails, the partial folder is removed and the error rethrown,
     * so nothing of the run is visible.
     */
    public Path publish(String job, String runId, RunContent content) throws IOException {
        Path target = publishedFolder(job, runId);
        if (Files.isDirectory(target)) {
            discard(job, runId);
            return target;
        }
        Path partial = begin(job, runId);
        try {
            content.writeTo(partial);
            return commit(job, runId);
        } catch (IOException | RuntimeException | Error e) {
            discardQuietly(partial, e);
            throw e;
        }
    }

    /**
     * Starts a run: returns an empty partial folder, clearing leftovers of an earlier attempt
     * with the same run id.
     */
    public Path begin(String job, String runId) throws IOException {
        Path partial = partialFolder(job, runId);
        deleteRecursively(partial);
        Files.createDirectories(partial);
        return partial;
    }

    /**
     * Moves the partial folder into place. Idempotent: when the run is already published, the
     * published folder is kept as it is and any partial folder is removed.
     */
    public Path commit(String job, String runId) throws IOException {
        Path partial = partialFolder(job, runId);
        Path target = publishedFolder(job, runId);
        if (Files.isDirectory(target)) {
            deleteRecursively(partial);
            return target;
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | RuntimeException e) {
            discardQuietly(partial, e);
            throw e;
        }
    }

    /** Removes the partial folder of a failed run; a published folder is never touched. */
    public void discard(String job, String runId) throws IOException {
        deleteRecursively(partialFolder(job, runId));
    }

    public Path publishedFolder(String job, String runId) {
        return outputDir.resolve(segment(job, "job name")).resolve(segment(runId, "run id"));
    }

    public Path partialFolder(String job, String runId) {
        return outputDir.resolve(segment(job, "job name")).resolve("." + segment(runId, "run id") + ".partial");
    }

    private static String segment(String value, String what) {
        if (value == null || !SAFE_SEGMENT.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("The " + what + " '" + value + "' cannot name a folder: use letters, "
                    + "digits, '.', '_' or '-' (at most 128), starting with a letter or digit.");
        }
        return value;
    }

    private static void discardQuietly(Path partial, Throwable cause) {
        try {
            deleteRecursively(partial);
        } catch (IOException | UncheckedIOException cleanup) {
            cause.addSuppressed(cleanup);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
