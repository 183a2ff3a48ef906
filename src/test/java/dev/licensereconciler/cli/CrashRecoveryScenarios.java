package dev.licensereconciler.cli;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.licensereconciler.support.CommandLineProcess;
import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.PauseAt;
import dev.licensereconciler.support.RunOutcome;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real processes of the command line, killed ({@code kill -9}) or stopped (SIGTERM) in the middle
 * of a run of the sample tenant, then started again with the very same command: no person, no
 * {@code --recover}. The run resumes (same run id, one run folder) and ends with the files, the
 * rows and the mails of a run that was never interrupted. {@link PauseAt} holds the child process
 * inside the transaction of the point under test, so that it is killed exactly there. Leases of
 * 2 s and chunks of 10 rows keep it short; the figures are printed. On the embedded database
 * ({@link CrashRecoveryTest}) and on MySQL ({@link CrashRecoveryOnMySqlTest}), each giving its
 * {@link Database}.
 */
abstract class CrashRecoveryScenarios {

    private static final String JOB = "crash";
    /** The figures go to the real console: {@link ConsoleCapture} keeps the commands' own output. */
    private static final PrintStream TIMINGS = System.out;
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final int CHUNK = 10;
    private static final List<String> SETTINGS = List.of("--license-reconciler.run-lease.duration=" + LEASE.toSeconds() + "s",
        "--license-reconciler.run-lease.heartbeat=250ms", "--license-reconciler.chunk-size=" + CHUNK);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);
    @RegisterExtension
    ConsoleCapture console = new ConsoleCapture();

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static int cleanStatus;
    private static Map<String, Integer> cleanRows;
    private static Map<String, String> cleanFiles;
    private static Map<String, Long> cleanMails;
    private static Database database;
    private final List<CommandLineProcess> children = new ArrayList<>();

    /** Where the runs keep their state, and what it takes there to hold a child at a {@link PauseAt} point. */
    interface Database {
        /** Command-line options that point a run at the database of this data folder; {@code held}: a child's, which a point can hold. */
        List<String> options(Path data, boolean held);

        /** Once the schema is migrated: what the points need in the database itself. */
        void holdable(Path data) throws SQLException;

        Connection connect(Path data) throws SQLException;

        /** Everything committed so far on disk, so a kill cannot lose it (a database that delays its writes). */
        void flushed(Path data) throws SQLException;

        /** The names of the product's tables. */
        String tables();
    }

    /** Each subclass's {@code @BeforeAll}: the run every interrupted one must end like, on its database. */
    static void aRunThatIsNeverInterrupted(Database on) throws Exception {
        database = on;
        Path jobFile = tenant(shared, false);
        Path data = shared.resolve("data");
        cleanStatus = execute(data, run(jobFile));
        assertThat(cleanStatus).isEqualTo(Commands.PROBLEMS);
        cleanRows = rows(data);
        cleanFiles = files(shared, data);
        cleanMails = mails();
        assertThat(cleanRows).containsEntry("LR_RECOMMENDATION", 1).containsEntry("BATCH_JOB_INSTANCE", 1);
        assertThat(cleanRows.get("LR_COST")).as("rows for store-costs to be killed in").isGreaterThan(20);
        assertThat(cleanRows.get("LR_RESULT")).isGreaterThan(260);
        assertThat(cleanRows.get("LR_MAIL")).as("mails of the sample tenant").isGreaterThanOrEqualTo(3);
        assertThat(cleanMails.values()).as("each mail once").containsOnly(1L);
    }

    @BeforeEach
    void noMailYet() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void noProcessLeft() {
        children.forEach(CommandLineProcess::destroy);
    }

    /**
     * One run killed at every phase in turn, each time started again by the same plain command,
     * which resumes it and is itself killed at the next point: compute; mid-chunk in each store
     * step (results and actions together: they run in parallel); after the run folder is written;
     * with the 2nd mail handed to the server but not yet recorded as sent. A last plain run
     * finishes it.
     */
    @Test
    void aRunKilledAtEveryPhaseIsFinishedByThePlainRunCommand() throws Exception {
        Path jobFile = tenant(dir, false);
        Path data = prepare(jobFile);
        String runId = null;
        List<List<String>> kills = List.of(List.of(PauseAt.at("PAUSE_COMPUTE", 1)),
                List.of(PauseAt.at("PAUSE_STORE_RESULTS", 245), PauseAt.at("PAUSE_STORE_ACTIONS", 25)),
                List.of(PauseAt.at("PAUSE_STORE_ERRORS", 15)),
                List.of(PauseAt.at("PAUSE_STORE_SHORTFALLS", 15)),
                List.of(PauseAt.at("PAUSE_STORE_SURPLUS", 15)),
                List.of(PauseAt.at("PAUSE_STORE_RECOMMENDATIONS", 1)),
                List.of(PauseAt.at("PAUSE_STORE_COSTS", 15)),
                List.of(PauseAt.at("PAUSE_PUBLISH", 1)),
                List.of(PauseAt.at("PAUSE_NOTIFY", 2)));
        for (List<String> points : kills) {
            long started = System.nanoTime();
            CommandLineProcess child = child(data, points, null, run(jobFile));
            for (String point : points) {
                child.awaitLine("PAUSED AT " + point.substring(0, point.indexOf('#')));
            }
            if (runId == null) {
                runId = query(data, "SELECT RUN_ID FROM LR_RUN_LEASE");
            } else {
                assertThat(child.output()).as("the plain run resumed the killed one").contains("Resuming run " + runId + " of " + JOB);
            }
            long paused = System.nanoTime();
            flushed(data);
            child.kill();
            awaitLeaseLapsed(data);
            TIMINGS.printf("kill -9 at %s: child started and held in %d ms; its lease lapsed %d ms after the kill%n",
                    points, millis(started, paused), millis(paused, System.nanoTime()));
            assertThat(folders(dir)).as("run folders").hasSizeLessThanOrEqualTo(1);
        }

        long last = System.nanoTime();
        int status = execute(data, run(jobFile));
        TIMINGS.printf("the plain run that finished it: %d ms%n", millis(last, System.nanoTime()));

        assertThat(status).isEqualTo(cleanStatus);
        assertThat(query(data, "SELECT MAX(RUN_ID) FROM LR_RUN")).isEqualTo(runId);
        assertFinishedAsIfNeverInterrupted(data);
    }

    /**
     * SIGTERM while a chunk is being written: the chunk commits, the step ends at that boundary,
     * the run is STOPPED with its lease given back, and the database is closed only after (no
     * stack trace); the same command then resumes it at once.
     */
    @Test
    void sigtermStopsTheRunAtTheNextChunkBoundaryAndTheSameCommandResumesIt() throws Exception {
        Path jobFile = tenant(dir, false);
        Path data = prepare(jobFile);
        Path release = dir.resolve("release");
        CommandLineProcess child = child(data, List.of(PauseAt.at("PAUSE_STORE_RESULTS", 245)), release, run(jobFile));
        child.awaitLine("PAUSED AT PAUSE_STORE_RESULTS");
        int committed = count(data, "LR_RESULT");

        long term = System.nanoTime();
        child.terminate();
        child.awaitLine("Stopping run");
        Files.createFile(release);
        int exit = child.awaitExit();
        TIMINGS.printf("SIGTERM of run mid-chunk: ended in %d ms, exit status %d%n", millis(term, System.nanoTime()), exit);

        assertThat(exit).as("a run that stopped before it finished").isEqualTo(Commands.FAILED);
        assertThat(child.output()).contains("stopped before it finished", "store-results stopped after 250 rows")
                .doesNotContain("Exception", "already closed", "ERROR", "store-results done:");
        assertThat(lastStatus(data)).isEqualTo("STOPPED");
        assertThat(committed).isEqualTo(240);
        assertThat(count(data, "LR_RESULT")).as("the chunk under way committed, no other").isEqualTo(committed + CHUNK);
        assertThat(count(data, "LR_RUN_LEASE")).as("lease given back").isZero();

        int status = execute(data, run(jobFile));

        assertThat(status).isEqualTo(cleanStatus);
        assertFinishedAsIfNeverInterrupted(data);
    }

    /**
     * {@code serve} killed during a scheduled run, started again: its next firing waits for the
     * dead run's lease to lapse, takes the run over and resumes it; SIGTERM to that {@code serve}
     * mid-chunk stops it (STOPPED, exit status 0, no stack trace); the next {@code serve}'s firing
     * resumes and finishes it, once: the firing after that starts a new run (held here before it
     * writes anything).
     */
    @Test
    void serveKilledOrStoppedMidRunFinishesTheRunAtTheNextFiring() throws Exception {
        Path jobFile = tenant(dir, true);
        Path data = prepare(jobFile);
        String[] serve = serve(jobFile);

        long started = System.nanoTime();
        CommandLineProcess first = child(data, List.of(PauseAt.at("PAUSE_STORE_RESULTS", 245)), null, serve);
        first.awaitLine("PAUSED AT PAUSE_STORE_RESULTS");
        String runId = query(data, "SELECT RUN_ID FROM LR_RUN_LEASE");
        flushed(data);
        first.kill();
        TIMINGS.printf("serve: first firing held after %d ms, killed%n", millis(started, System.nanoTime()));

        long restarted = System.nanoTime();
        Path release = dir.resolve("release");
        // The resumed step redoes the chunks the kill lost; it is held in its second chunk.
        CommandLineProcess second = child(data, List.of(PauseAt.at("PAUSE_STORE_RESULTS", 15)), release, serve);
        second.awaitLine("PAUSED AT PAUSE_STORE_RESULTS");
        assertThat(second.output()).contains("Resuming run " + runId + " of " + JOB, "when its process died");
        int committed = count(data, "LR_RESULT");
        TIMINGS.printf("serve restarted: its firing took the run over, held after %d ms%n", millis(restarted, System.nanoTime()));
        long term = System.nanoTime();
        second.terminate();
        second.awaitLine("Stopping run " + runId);
        Files.createFile(release);
        int exit = second.awaitExit();
        TIMINGS.printf("SIGTERM of serve mid-chunk: ended in %d ms, exit status %d%n", millis(term, System.nanoTime()), exit);

        assertThat(exit).isEqualTo(Commands.CLEAN);
        assertThat(second.output()).doesNotContain("Exception", "already closed", "ERROR");
        assertThat(lastStatus(data)).isEqualTo("STOPPED");
        // What the kill left (the embedded database may lose its last commits: the chunks are redone), then one chunk.
        assertThat(committed % CHUNK).isZero();
        assertThat(count(data, "LR_RESULT")).as("the chunk under way committed, no other").isEqualTo(committed + CHUNK);
        assertThat(count(data, "LR_RUN_LEASE")).as("lease given back").isZero();

        long third = System.nanoTime();
        CommandLineProcess last = child(data, List.of(PauseAt.at("PAUSE_COMPUTE", 1)), null, serve);
        last.awaitLine("PAUSED AT PAUSE_COMPUTE");
        flushed(data);
        TIMINGS.printf("serve started again: run finished and the next firing held after %d ms%n",
                millis(third, System.nanoTime()));
        last.kill();

        assertThat(last.output()).contains("Resuming run " + runId + " of " + JOB, "ended COMPLETED");
        assertThat(query(data, "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1 OFFSET 1"))
                .as("the interrupted run, completed before the new one started").isEqualTo("COMPLETED");
        Map<String, Integer> rows = rows(data);
        assertThat(rows.remove("BATCH_JOB_INSTANCE")).as("the interrupted run and the new one").isEqualTo(2);
        assertThat(rows.remove("LR_RUN_LEASE")).as("held by the new run, killed").isEqualTo(1);
        assertThat(query(data, "SELECT RUN_ID FROM LR_RUN_LEASE")).isNotEqualTo(runId);
        Map<String, Integer> expected = new TreeMap<>(cleanRows);
        expected.remove("BATCH_JOB_INSTANCE");
        expected.remove("LR_RUN_LEASE");
        assertThat(rows).as("the new run has not written a row yet").isEqualTo(expected);
        assertThat(files(dir, data)).isEqualTo(cleanFiles);
        assertThat(mails()).as("each mail exactly once").isEqualTo(cleanMails);
    }

    private void assertFinishedAsIfNeverInterrupted(Path data) throws Exception {
        assertThat(rows(data)).isEqualTo(cleanRows);
        assertThat(files(dir, data)).isEqualTo(cleanFiles);
        assertThat(mails()).as("each mail exactly once").isEqualTo(cleanMails);
    }

    private CommandLineProcess child(Path data, List<String> points, Path release, String... args) {
        List<String> options = new ArrayList<>(List.of("-D" + PauseAt.PROPERTY + "=" + String.join(",", points)));
        if (release != null) {
            options.add("-D" + PauseAt.RELEASE + "=" + release);
        }
        CommandLineProcess child = CommandLineProcess.start(data, options,
                Stream.concat(Arrays.stream(args), database.options(data, true).stream()).toArray(String[]::new));
        children.add(child);
        return child;
    }

    /** A copy of the sample tenant and a job file for it, mail on; {@code often}: fired every 2 seconds. */
    private static Path tenant(Path dir, boolean often) {
        return RunOutcome.sampleTenantJob(dir, JOB, often ? "0/2 * * * * ?" : "0 0 2 * * ?");
    }

    private static String[] run(Path jobFile) {
        return command("run", jobFile.toString());
    }

    private static String[] serve(Path jobFile) {
        return command("serve", "--jobs", jobFile.getParent().toString(), "--server.port=0");
    }

    private static String[] command(String... args) {
        return Stream.of(Arrays.stream(args), Stream.of("--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort()), SETTINGS.stream()).flatMap(s -> s).toArray(String[]::new);
    }

    /** A run in this JVM, on the test's database. */
    private static int execute(Path data, String... args) {
        return CommandLineRuns.execute(data, Stream.concat(Arrays.stream(args), database.options(data, false).stream())
                .toArray(String[]::new));
    }

    /** The database, migrated, where a child's run can be held ({@link PauseAt}). */
    private static Path prepare(Path jobFile) throws SQLException {
        Path data = jobFile.getParent().getParent().resolve("data");
        assertThat(execute(data, "jobs", "--jobs", jobFile.getParent().toString())).isEqualTo(Commands.CLEAN);
        database.holdable(data);
        return data;
    }

    private static void flushed(Path data) throws SQLException {
        database.flushed(data);
    }

    private static void awaitLeaseLapsed(Path data) {
        await().atMost(LEASE.multipliedBy(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String expires = query(data, "SELECT MAX(EXPIRES_AT) FROM LR_RUN_LEASE");
            return expires == null || Long.parseLong(expires) < System.currentTimeMillis();
        });
    }

    private static Map<String, Integer> rows(Path data) throws SQLException {
        return RunOutcome.rows(db(data), database.tables());
    }

    private static Map<String, String> files(Path dir, Path data) throws Exception {
        return RunOutcome.files(dir.resolve("out").resolve(JOB), db(data));
    }

    private static List<Path> folders(Path dir) throws IOException {
        return RunOutcome.runFolders(dir.resolve("out").resolve(JOB));
    }

    private static Map<String, Long> mails() throws MessagingException {
        return RunOutcome.mails(smtp.getReceivedMessages());
    }

    private static String lastStatus(Path data) throws SQLException {
        return query(data, "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1");
    }

    private static int count(Path data, String table) throws SQLException {
        return RunOutcome.count(db(data), table);
    }

    private static String query(Path data, String sql) throws SQLException {
        return RunOutcome.query(db(data), sql);
    }

    private static RunOutcome.Database db(Path data) {
        return () -> database.connect(data);
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }
}
