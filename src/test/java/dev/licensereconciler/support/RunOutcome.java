package dev.licensereconciler.support;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run of the sample tenant leaves behind (the rows of each table, the files of its run
 * folder, the mails the server got), so that a test can hold a run that was killed, stopped or cut
 * off from its database to the one that was never interrupted. For the tests that run the command
 * line in child JVMs.
 */
public final class RunOutcome {

    /** The names of the product's tables on the embedded database. */
    public static final String EMBEDDED_TABLES =
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE 'LR\\_%'";

    private RunOutcome() {
    }

    /** A way into the database under test, opened anew for each look. */
    @FunctionalInterface
    public interface Database {
        Connection connect() throws SQLException;
    }

    /** The embedded database of a data folder, shared with the children through AUTO_SERVER as the product opens it. */
    public static Database embedded(Path data) {
        return () -> DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath() + "/license-reconciler;AUTO_SERVER=TRUE",
                "sa", "");
    }

    /**
     * A copy of the sample tenant under {@code dir} and a job file {@code dir/jobs/NAME.yml} for it
     * (the nightly job's, mail on), fired by {@code cron}, writing to {@code dir/out}.
     */
    public static Path sampleTenantJob(Path dir, String name, String cron) {
        Path input = dir.resolve("contoso");
        TenantFolders.copyTree(Path.of("sample-data/contoso"), input);
        Path jobFile = dir.resolve("jobs/" + name + ".yml");
        String yaml = TenantFolders.read(Path.of("jobs/nightly-reconciliation.yml"))
                .replace("name: nightly-reconciliation", "name: " + name)
                .replace("input: sample-data/contoso", "input: " + input)
                .replace("output: out", "output: " + dir.resolve("out"));
        TenantFolders.write(jobFile, yaml.replace("cron: \"0 0 2 * * ?\"", "cron: \"" + cron + "\""));
        return jobFile;
    }

    /** The triggers of these {@link PauseAt} points on the embedded database (they run in the process that serves it). */
    public static void pausePoints(Database db, Collection<String> names) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("CREATE TRIGGER " + name + " " + PauseAt.POINTS.get(name) + " FOR EACH ROW CALL \""
                        + PauseAt.class.getName() + "\"");
            }
        }
    }

    /**
     * H2 writes its last commits to the file up to half a second late, and a kill within that time
     * loses them; written out before a kill, so what the test saw committed is what the next run finds.
     */
    public static void checkpoint(Database embedded) throws SQLException {
        try (Connection c = embedded.connect(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** Rows of every product table ({@code tablesQuery} lists them), and the runs Spring Batch knows. */
    public static Map<String, Integer> rows(Database db, String tablesQuery) throws SQLException {
        Map<String, Integer> rows = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(tablesQuery)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            rows.put(table, count(db, table));
        }
        rows.put("BATCH_JOB_INSTANCE", count(db, "BATCH_JOB_INSTANCE"));
        return rows;
    }

    /** The run folders of a job's output folder ({@code out/JOB}); none before the first publish. */
    public static List<Path> runFolders(Path jobOut) throws IOException {
        if (!Files.isDirectory(jobOut)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(jobOut)) {
            return s.toList();
        }
    }

    /**
     * The files of the job's one run folder, by name, that run recorded as published; the
     * summary's run id, times and duration left out.
     */
    public static Map<String, String> files(Path jobOut, Database db) throws Exception {
        List<Path> runs = runFolders(jobOut);
        assertThat(runs).as("run folders").hasSize(1);
        String runId = runs.get(0).getFileName().toString();
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(runs.get(0))) {
            for (Path f : s.toList()) {
                String text = Files.readString(f);
                files.put(f.getFileName().toString(), f.toString().endsWith(".html") ? text.replace(runId, "RUN")
                        .replaceAll("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d(:\\d\\d)?", "TIME")
                        .replaceAll("(<dt>duration</dt><dd>)[^<]*", "$1D") : text);
            }
        }
        assertThat(query(db, "SELECT COUNT(*) FROM LR_RUN WHERE RUN_ID = '" + runId + "' AND PUBLISHED_AT IS NOT NULL"))
                .isEqualTo("1");
        return files;
    }

    /** How many times each mail arrived, by recipients and subject. */
    public static Map<String, Long> mails(MimeMessage[] received) throws MessagingException {
        List<String> keys = new ArrayList<>();
        for (MimeMessage m : received) {
            keys.add(Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .collect(Collectors.joining(",")) + " | " + m.getSubject());
        }
        return keys.stream().collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
    }

    public static int count(Database db, String table) throws SQLException {
        return Integer.parseInt(query(db, "SELECT COUNT(*) FROM " + table));
    }

    /** The first column of the first row, or null. */
    public static String query(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
