package dev.licensereconciler.cli;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.PauseAt;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real process of the command line, killed or stopped at each phase of a run of the sample
 * tenant (303 users), then the same plain {@code run} command: no person needed. The run resumes
 * (same run id, one folder), ends with the files, row counts and mails of a run that was never
 * interrupted. Leases of 3 s keep the wait short; the figures are printed.
 */
class CrashRecoveryTest {

    private static final String JOB = "crash";
    private static final String[] LEASE = {"--license-reconciler.run-lease.duration=3s",
        "--license-reconciler.run-lease.heartbeat=500ms", "--license-reconciler.chunk-size=100"};
    private static final List<String> FILES = List.of("actions.csv", "results.csv", "errors.csv", "shortfall.csv");
    private static final List<String> TABLES = List.of("LR_RESULT", "LR_ACTION", "LR_ERROR", "LR_SHORTFALL", "LR_MAIL");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);
    @RegisterExtension
    ConsoleCapture console = new ConsoleCapture();

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Map<String, Integer> cleanRows;
    private static Map<String, String> cleanFiles;
    private static int cleanMails;

    @BeforeAll
    static void aRunThatIsNeverInterrupted() throws Exception {
        Path jobFile = tenant(shared);
        Path data = shared.resolve("data");
        int status = CommandLineRuns.execute(data, command(jobFile));
        assertThat(status).isEqualTo(Commands.PROBLEMS);
        cleanRows = rows(data);
        cleanFiles = files(shared);
        cleanMails = smtp.getReceivedMessages().length;
        assertThat(cleanMails).isPositive();
    }

    @BeforeEach
    void noMailYet() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @ParameterizedTest(name = "kill -9 at {0}")
    @CsvSource({"PAUSE_COMPUTE, LR_RUN, INSERT", "PAUSE_STORE_RESULTS, LR_RESULT, INSERT",
        "PAUSE_PUBLISH, LR_RUN, UPDATE", "PAUSE_NOTIFY, LR_MAIL, UPDATE"})
    void aRunKilledAtAnyPhaseIsFinishedByThePlainRunCommand(String phase, String table, String event) throws Exception {
        Path jobFile = tenant(dir);
        Path data = prepare(jobFile, phase, table, event);
        Child child = Child.start(data, phase, 60_000, command(jobFile));
        child.awaitLine("PAUSED AT " + phase);

        child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long killed = System.nanoTime();

        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> leaseLapsed(data));
        int status = CommandLineRuns.execute(data, command(jobFile));
        long tookOver = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.printf("kill -9 at %s: finished by the plain run %d ms after the kill (lease 3 s)%n", phase, tookOver);

        assertThat(status).isIn(Commands.CLEAN, Commands.PROBLEMS);
        assertFinishedAsIfNeverInterrupted(data);
    }

    @Test
    void sigtermStopsTheRunAtAChunkBoundaryAndTheNextRunResumesIt() throws Exception {
        Path jobFile = tenant(dir);
        Path data = prepare(jobFile, "PAUSE_STORE_RESULTS", "LR_RESULT", "INSERT");
        Child child = Child.start(data, "PAUSE_STORE_RESULTS", 3_000, command(jobFile));
        child.awaitLine("PAUSED AT PAUSE_STORE_RESULTS");

        long term = System.nanoTime();
        child.process.destroy(); // SIGTERM
        assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        System.out.printf("SIGTERM mid-chunk: stopped in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - term));

        child.reader.join(10_000);
        assertThat(child.output()).contains("stopped before it finished").doesNotContain("Exception", "already closed");
        assertThat(child.process.exitValue()).isEqualTo(Commands.FAILED);
        assertThat(query(data, "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")).isEqualTo("STOPPED");
        assertThat(Integer.parseInt(query(data, "SELECT COUNT(*) FROM LR_RESULT")))
                .as("committed chunks kept").isGreaterThanOrEqualTo(200).isLessThan(cleanRows.get("LR_RESULT"));

        // Nothing to wait for: a stopped run gave its lease back.
        int status = CommandLineRuns.execute(data, command(jobFile));

        assertThat(status).isIn(Commands.CLEAN, Commands.PROBLEMS);
        assertFinishedAsIfNeverInterrupted(data);
    }

    private void assertFinishedAsIfNeverInterrupted(Path data) throws Exception {
        assertThat(rows(data)).isEqualTo(cleanRows);
        assertThat(files(dir)).isEqualTo(cleanFiles);
        assertThat(smtp.getReceivedMessages()).as("each mail exactly once").hasSize(cleanMails);
        assertThat(query(data, "SELECT COUNT(*) FROM LR_RUN")).isEqualTo("1");
    }

    /** A copy of the sample tenant and a job file for it, mail on. */
    private static Path tenant(Path dir) {
        Path input = dir.resolve("contoso");
        TenantFolders.copyTree(Path.of("sample-data/contoso"), input);
        Path jobFile = dir.resolve("jobs/" + JOB + ".yml");
        TenantFolders.write(jobFile, TenantFolders.read(Path.of("jobs/nightly-reconciliation.yml"))
                .replace("name: nightly-reconciliation", "name: " + JOB)
                .replace("input: sample-data/contoso", "input: " + input)
                .replace("output: out", "output: " + dir.resolve("out")));
        return jobFile;
    }

    private static String[] command(Path jobFile) {
        return Stream.concat(Stream.of("run", jobFile.toString(), "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort()), Stream.of(LEASE)).toArray(String[]::new);
    }

    /** The database, migrated, with the trigger that holds the child's run at its phase. */
    private Path prepare(Path jobFile, String phase, String table, String event) throws SQLException {
        Path data = dir.resolve("data");
        assertThat(CommandLineRuns.execute(data, "jobs", "--jobs", jobFile.getParent().toString())).isEqualTo(Commands.CLEAN);
        try (Connection c = connect(data); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER " + phase + " BEFORE " + event + " ON " + table + " FOR EACH ROW CALL \""
                    + PauseAt.class.getName() + "\"");
        }
        return data;
    }

    private static boolean leaseLapsed(Path data) throws SQLException {
        String expires = query(data, "SELECT MAX(EXPIRES_AT) FROM LR_RUN_LEASE");
        return expires == null || Long.parseLong(expires) < System.currentTimeMillis();
    }

    private static Map<String, Integer> rows(Path data) throws SQLException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, Integer.parseInt(query(data, "SELECT COUNT(*) FROM " + table)));
        }
        return rows;
    }

    /** The run folders' CSV files by name; exactly one run folder. */
    private static Map<String, String> files(Path dir) throws IOException {
        Path jobOut = dir.resolve("out").resolve(JOB);
        List<Path> runs;
        try (Stream<Path> s = Files.list(jobOut)) {
            runs = s.toList();
        }
        assertThat(runs).as("run folders").hasSize(1);
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : FILES) {
            files.put(f, Files.readString(runs.get(0).resolve(f)));
        }
        return files;
    }

    private static String query(Path data, String sql) throws SQLException {
        try (Connection c = connect(data); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Connection connect(Path data) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath() + "/license-reconciler;AUTO_SERVER=TRUE", "sa", "");
    }

    /** The command line in a JVM of its own (this test's class path), its output collected. */
    private record Child(Process process, List<String> lines, Thread reader) {

        static Child start(Path data, String pauseAt, long pauseMillis, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m", "-D" + PauseAt.PROPERTY + "=" + pauseAt, "-D" + PauseAt.MILLIS + "=" + pauseMillis,
                    "-cp", System.getProperty("java.class.path"), LicenseReconcilerApplication.class.getName()));
            cmd.addAll(List.of(args));
            cmd.add("--license-reconciler.data-dir=" + data);
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
            return new Child(process, lines, reader);
        }

        void awaitLine(String text) {
            await().atMost(java.time.Duration.ofSeconds(120))
                    .failFast("child ended: " + output(), () -> !process.isAlive())
                    .until(() -> lines.stream().anyMatch(l -> l.contains(text)));
        }

        String output() {
            return String.join("\n", lines);
        }
    }
}
