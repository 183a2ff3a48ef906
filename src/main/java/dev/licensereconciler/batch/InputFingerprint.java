package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run read: the names, sizes and modification times of its input files, and the content
 * of its job file. A failed run is resumed only while all of these are unchanged: the rows it
 * already stored were computed from those files under those policies, and the rest must come
 * from the same ones (an edited job file, say a lowered maxUnassign, starts a new run, which
 * checks the guard again).
 */
public final class InputFingerprint {

    private InputFingerprint() {
    }

    public static String of(JobDefinition job) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(job.input())) {
            try (Stream<Path> s = Files.list(job.input())) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                return "unreadable:" + job.input();
            }
        }
        if (job.requestsFile() != null && !job.requestsFile().startsWith(job.input())) {
            files.add(job.requestsFile());
        }
        if (job.catalog() != null) {
            files.add(job.catalog());
        }
        if (job.servicePlanRules() != null) {
            files.add(job.servicePlanRules());
        }
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            try {
                sb.append(f.getFileName()).append(':').append(Files.size(f)).append(':')
                        .append(Files.getLastModifiedTime(f).toMillis()).append(';');
            } catch (IOException e) {
                sb.append(f.getFileName()).append(":missing;");
            }
        }
        sb.append("job:").append(jobFileDigest(job.source()));
        // Job parameters are stored in a 2,500-character column; a digest keeps long folders within it.
        return sb.length() <= 200 ? sb.toString() : "sha256:" + sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The job file's content, whatever its modification time says: a policy edit shows even within a second. */
    private static String jobFileDigest(Path jobFile) {
        if (jobFile == null) {
            return "none";
        }
        try {
            return sha256(Files.readAllBytes(jobFile));
        } catch (IOException e) {
            return "missing";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
