package dev.licensereconciler.cli;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.licensereconciler.support.CommandLineProcess;
import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.PauseAt;
import dev.licensereconciler.support.RunOutcome;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database is served by whichever process opened it first (H2's AUTO_SERVER); here
 * that is a {@code serve} (process A) of a job that fires at night, and a {@code run} of another
 * job (process B) goes through it. A ends, killed or stopped, while B is in the middle of a chunk:
 * B's connections break and its open transaction is rolled back. B says so in one line, waits for
 * the database to answer again (B now serves it), resumes its run (same run id) and ends as a run
 * that was never interrupted: the same files, rows and mails, exit status and summary, no stack
 * trace. A's {@link PauseAt} trigger holds B's insert: triggers run in the serving process.
 */
class ServingProcessEndsTest {

    private static final String JOB = "reconcile";
    private static final PrintStream TIMINGS = System.out;
    private static final int CHUNK = 10;
    private static final List<String> SETTINGS = List.of("--license-reconciler.run-lease.duration=2s",
            "--license-reconciler.run-lease.heartbeat=250ms", "--license-reconciler.chunk-size=" + CHUNK);
    private static final String HOLD = PauseAt.at("PAUSE_STORE_RESULTS", 245);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static int cleanStatus;
    private static Map<String, Integer> cleanRows;
    private static Map<String, String> cleanFiles;
    private static Map<String, Long> cleanMails;
    private final List<CommandLineProcess> children = new ArrayList<>();

    @BeforeAll
    static void aRunThatIsNeverInterrupted() throws Exception {
        Path jobFile = tenant(shared, JOB);
        Path data = shared.resolve("data");
        cleanStatus = CommandLineRuns.execute(data, command("run", jobFile.toString()));
        assertThat(cleanStatus).isEqualTo(Commands.PROBLEMS);
        cleanRows = rows(data);
        cleanFiles = files(shared, data);
        cleanMails = mails();
        assertThat(cleanMails.values()).as("each mail once").containsOnly(1L);
        assertThat(cleanMails).hasSizeGreaterThanOrEqualTo(3);
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
     * kill -9 of the serving process: B waits for H2's lock file of the dead process to age, opens
     * the database itself, redoes the chunk that was rolled back and finishes. A {@code jobs}
     * started at the moment of the kill reads the database too. What B committed is written out
     * before the kill: H2 writes its last commits up to half a second late, and a kill of the
     * serving process that loses B's own commits is the limit DECISIONS describes.
     */
    @Test
    void aRunWhoseServingProcessIsKilledResumesByItselfAndFinishesOnce() throws Exception {
        Path jobFile = tenant(dir, JOB);
        Path data = prepare(jobFile);
        CommandLineProcess a = servingProcess(data, null);
        CommandLineProcess b = child(data, List.of(), command("run", jobFile.toString()));
        a.awaitLine("PAUSED AT PAUSE_STORE_RESULTS");

        long killed = System.nanoTime();
        flushed(data);
        a.kill();
        CommandLineProcess jobs = child(data, List.of(), command("jobs", "--jobs", jobFile.getParent().toString()));
        int exit = b.awaitExit();
        TIMINGS.printf("serving process killed mid-chunk: the run served by it finished %d ms later%n",
                millis(killed, System.nanoTime()));

        assertCarriedOn(b, exit);
        assertThat(jobs.awaitExit()).as(jobs.output()).isEqualTo(Commands.CLEAN);
        assertThat(jobs.output()).contains(JOB + " ").doesNotContain("Exception", "\tat ", "ERROR");
        assertFinishedAsIfNeverInterrupted(data);
    }

    /**
     * SIGTERM to the serving process: it ends as {@code serve} does (exit 0, no stack trace), which
     * closes the database under B all the same; B carries on as above.
     */
    @Test
    void aRunWhoseServingProcessStopsGracefullyResumesByItselfAndFinishesOnce() throws Exception {
        Path jobFile = tenant(dir, JOB);
        Path data = prepare(jobFile);
        Path release = dir.resolve("release");
        CommandLineProcess a = servingProcess(data, release);
        CommandLineProcess b = child(data, List.of(), command("run", jobFile.toString()));
        a.awaitLine("PAUSED AT PAUSE_STORE_RESULTS");

        long stopped = System.nanoTime();
        a.terminate();
        // A closes the database while B's chunk is open (the held insert is let go in case A waits for it).
        Thread.sleep(1500);
        Files.createFile(release);
        assertThat(a.awaitExit()).as(a.output()).isEqualTo(Commands.CLEAN);
        int exit = b.awaitExit();
        TIMINGS.printf("serving process stopped mid-chunk: the run served by it finished %d ms later%n",
                millis(stopped, System.nanoTime()));

        assertThat(a.output()).doesNotContain("Exception", "\tat ", "ERROR");
        assertCarriedOn(b, exit);
        assertFinishedAsIfNeverInterrupted(data);
    }

    /**
     * B is a {@code serve} whose firing is under way when the serving process is killed: the firing
     * resumes its run and finishes it, once, and the scheduler goes on: its next firing starts a new
     * run (held here, in B, which now serves the database, before it writes anything).
     */
    @Test
    void aScheduledRunWhoseServingProcessIsKilledFinishesInTheSameFiring() throws Exception {
        Path jobFile = tenant(dir, JOB, "0/2 * * * * ?");
        Path data = prepare(jobFile);
        CommandLineProcess a = servingProcess(data, null);
        CommandLineProcess b = child(data, List.of("-D" + PauseAt.PROPERTY + "=" + PauseAt.at("PAUSE_COMPUTE", 1)),
                command("serve", "--jobs", jobFile.getParent().toString(), "--server.port=0"));
        a.awaitLine("PAUSED AT PAUSE_STORE_RESULTS");

        long killed = System.nanoTime();
        flushed(data);
        a.kill();
        b.awaitLine("of " + JOB + " ended COMPLETED");
        TIMINGS.printf("serving process killed mid-chunk: the firing served by it finished %d ms later%n",
                millis(killed, System.nanoTime()));
        b.awaitLine("PAUSED AT PAUSE_COMPUTE");
        flushed(data);
        b.kill();

        String out = b.output();
        assertThat(out).doesNotContain("Exception", "\tat ", "ERROR", "FAILED");
        assertThat(out.lines().filter(l -> l.contains("WARN"))).as(out).singleElement().asString()
                .contains("lost its database connection (the process serving the embedded database ended?); "
                        + "resuming it once the database answers again.");
        Map<String, Integer> rows = rows(data);
        assertThat(rows.remove("BATCH_JOB_INSTANCE")).as("the finished run and the next firing's").isEqualTo(2);
        assertThat(rows.remove("LR_RUN_LEASE")).as("held by the next firing's run, killed").isEqualTo(1);
        Map<String, Integer> expected = new TreeMap<>(cleanRows);
        expected.remove("BATCH_JOB_INSTANCE");
        expected.remove("LR_RUN_LEASE");
        assertThat(rows).as("the next firing's run has not written a row yet").isEqualTo(expected);
        assertThat(files(dir, data)).isEqualTo(cleanFiles);
        assertThat(mails()).as("each mail exactly once").isEqualTo(cleanMails);
    }

    /** One line says what happened; the run then ends as a plain run does, with its summary. */
    private void assertCarriedOn(CommandLineProcess b, int exit) {
        String out = b.output();
        assertThat(exit).as(out).isEqualTo(cleanStatus);
        assertThat(out).doesNotContain("Exception", "\tat ", "ERROR", "FAILED")
                .contains(JOB + " run ", "completed with problems to review");
        assertThat(out.lines().filter(l -> l.contains("WARN"))).as(out).singleElement().asString()
                .contains("lost its database connection (the process serving the embedded database ended?); "
                        + "resuming it once the database answers again.");
    }

    /** A {@code serve} of a job that fires at night, the first to open the database: B's inserts run in it. */
    private CommandLineProcess servingProcess(Path data, Path release) {
        Path jobs = tenant(dir.resolve("nightly"), "nightly").getParent();
        List<String> options = new ArrayList<>(List.of("-D" + PauseAt.PROPERTY + "=" + HOLD));
        if (release != null) {
            options.add("-D" + PauseAt.RELEASE + "=" + release);
        }
        CommandLineProcess a = child(data, options, command("serve", "--jobs", jobs.toString(), "--server.port=0"));
        a.awaitLine("Scheduler running");
        return a;
    }

    private void assertFinishedAsIfNeverInterrupted(Path data) throws Exception {
        assertThat(rows(data)).isEqualTo(cleanRows);
        assertThat(files(dir, data)).isEqualTo(cleanFiles);
        assertThat(mails()).as("each mail exactly once").isEqualTo(cleanMails);
    }

    private CommandLineProcess child(Path data, List<String> options, String... args) {
        CommandLineProcess child = CommandLineProcess.start(data, options, args);
        children.add(child);
        return child;
    }

    /** A copy of the sample tenant and a job file for it, mail on, fired at 2 at night. */
    private static Path tenant(Path dir, String name) {
        return tenant(dir, name, "0 0 2 * * ?");
    }

    private static Path tenant(Path dir, String name, String cron) {
        return RunOutcome.sampleTenantJob(dir, name, cron);
    }

    private static String[] command(String... args) {
        return Stream.of(Arrays.stream(args), Stream.of("--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort()), SETTINGS.stream()).flatMap(s -> s).toArray(String[]::new);
    }

    /** The database, migrated, with the triggers that hold B's insert in the serving process. */
    private static Path prepare(Path jobFile) throws SQLException {
        Path data = jobFile.getParent().getParent().resolve("data");
        assertThat(CommandLineRuns.execute(data, "jobs", "--jobs", jobFile.getParent().toString())).isEqualTo(Commands.CLEAN);
        RunOutcome.pausePoints(RunOutcome.embedded(data), List.of("PAUSE_STORE_RESULTS", "PAUSE_COMPUTE"));
        return data;
    }

    private static void flushed(Path data) throws SQLException {
        RunOutcome.checkpoint(RunOutcome.embedded(data));
    }

    private static Map<String, Integer> rows(Path data) throws SQLException {
        return RunOutcome.rows(RunOutcome.embedded(data), RunOutcome.EMBEDDED_TABLES);
    }

    private static Map<String, String> files(Path dir, Path data) throws Exception {
        return RunOutcome.files(dir.resolve("out").resolve(JOB), RunOutcome.embedded(data));
    }

    private static Map<String, Long> mails() throws MessagingException {
        return RunOutcome.mails(smtp.getReceivedMessages());
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }
}
