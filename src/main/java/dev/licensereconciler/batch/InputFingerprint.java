package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Names, sizes and modification times of a run's input files. A failed run is resumed only
 * while its inputs are unchanged: the rows it already stored were computed from those files,
 * and the rest must come from the same ones.
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
        // Job parameters are stored in a 2,500-character column; a digest keeps long folders within it.
        return sb.length() <= 200 ? sb.toString() : "sha256:" + sha256(sb.toString());
    }

    private static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
