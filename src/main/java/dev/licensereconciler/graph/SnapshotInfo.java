package dev.licensereconciler.graph;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * snapshot.properties, which {@code snapshot} writes into the tenant folder: when the tenant was
 * read and from where. An apply measures a plan's age from it (the plan is as old as its data).
 */
final class SnapshotInfo {

    static final String FILE = "snapshot.properties";
    private static final String ACTIVITY_REPORT = "activityReport";

    private SnapshotInfo() {
    }

    /** When the snapshot in this folder was taken, or null when the folder has no snapshot.properties. */
    static Instant takenAt(Path folder) {
        String at = folder == null ? null : property(folder, "takenAt");
        try {
            return at == null ? null : Instant.parse(at.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static void write(Path folder, Instant takenAt, String baseUrl, String tenantId) throws IOException {
        write(folder, takenAt, baseUrl, tenantId, null);
    }

    /**
     * {@code activityReport} is the refresh date of the usage report the snapshot wrote as activity.csv (null
     * when it wrote none): the next snapshot that cannot read the report knows the activity.csv it finds is
     * its own, not the admin's, and outdated.
     */
    static void write(Path folder, Instant takenAt, String baseUrl, String tenantId, String activityReport)
            throws IOException {
        String text = "# Written by license-reconciler snapshot; an apply measures a plan's age from takenAt.\n"
                + "takenAt=" + takenAt + "\n" + "graph=" + baseUrl + "\n" + "tenant=" + tenantId + "\n"
                + (activityReport == null ? "" : ACTIVITY_REPORT + "=" + activityReport + "\n");
        Files.writeString(folder.resolve(FILE), text, StandardCharsets.UTF_8);
    }

    /** The refresh date of the report a snapshot wrote into this folder as activity.csv; null if it wrote none. */
    static String activityReport(Path folder) {
        return property(folder, ACTIVITY_REPORT);
    }

    /** A property of the folder's snapshot file; null when there is no such file or it cannot be read. */
    private static String property(Path folder, String key) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return p.getProperty(key);
        } catch (IOException e) {
            return null;
        }
    }
}
