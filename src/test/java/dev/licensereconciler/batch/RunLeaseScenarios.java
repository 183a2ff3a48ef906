package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12's "crash, then blocked until a person acts", in one Spring context: a run whose process
 * died is taken over by the next plain run or scheduled firing once its lease has lapsed (or when
 * it has none), a live lease still refuses every other start in one line and {@code --recover}
 * overrides it, and two starts at the same instant run once. Each database subclass says how the
 * run is made to fail in store-results ({@link #failResultInsertsFrom}); the kill is then what a
 * kill -9 leaves: the execution still marked running. Chunks of 4 rows.
 */
abstract class RunLeaseScenarios {

    private static final List<String> FILES = List.of("actions.csv", "results.csv", "errors.csv", "shortfall.csv");

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    /** From now on, the insert of the result row numbered {@code seq} (and later ones) fails: the database refuses it. */
    abstract void failResultInsertsFrom(int seq);

    /** Inserts of results succeed again. */
    abstract void stopFailing();

    @AfterEach
    void disarm() {
        stopFailing();
        jdbc.update("DELETE FROM LR_RUN_LEASE");
    }

    @Test
    void aRunWhoseProcessDiedIsTakenOverByThePlainRunOnceItsLeaseLapses() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("a"), "lease-lapsed", ""));
        JobExecution died = killedMidStore(job);
        String runId = runId(died);
        assertThat(rows("LR_RESULT", job.name(), runId)).as("one chunk of 4 committed before the kill").isEqualTo(4);
        // Its process, 4242 on db01, renewed the lease last two minutes ago: the lease has lapsed.
        long twoMinutesAgo = System.currentTimeMillis() - 120_000;
        jdbc.update("INSERT INTO LR_RUN_LEASE (JOB_NAME, TOKEN, RUN_ID, HOST, PID, ACQUIRED_AT, RENEWED_AT, EXPIRES_AT) "
                + "VALUES (?, 'dead', ?, 'db01', 4242, ?, ?, ?)", job.name(), runId, twoMinutesAgo, twoMinutesAgo, twoMinutesAgo + 60_000);

        JobExecution resumed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runId(resumed)).isEqualTo(runId);
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class,
                died.getId())).as("the dead execution").isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class,
                died.getId())).contains("Abandoned: left running by process 4242 on host db01");
        assertThat(rows("LR_RESULT", job.name(), runId)).isEqualTo(19);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT SEQ) FROM LR_RESULT WHERE JOB_NAME = ? AND RUN_ID = ?",
                Integer.class, job.name(), runId)).isEqualTo(19);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN_LEASE WHERE JOB_NAME = ?", Integer.class, job.name()))
                .as("the lease is given back").isZero();
        assertSameAsUninterruptedRun(dir.resolve("a/out/lease-lapsed"), runId);
    }

    @Test
    void aRunMarkedRunningWithoutALeaseIsTakenOverToo() throws Exception {
        // What a kill -9 left behind before leases existed: the execution marked running, no lease row.
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("f"), "lease-none", ""));
        String runId = runId(killedMidStore(job));

        JobExecution resumed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runId(resumed)).isEqualTo(runId);
        assertSameAsUninterruptedRun(dir.resolve("f/out/lease-none"), runId);
    }

    @Test
    void aLiveLeaseRefusesEveryOtherStartSayingWhoRunsItAndRecoverOverridesIt() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("b"), "lease-live", ""));
        JobExecution died = killedMidStore(job);
        String runId = runId(died);
        long now = System.currentTimeMillis();
        jdbc.update("INSERT INTO LR_RUN_LEASE (JOB_NAME, TOKEN, RUN_ID, HOST, PID, ACQUIRED_AT, RENEWED_AT, EXPIRES_AT) "
                + "VALUES (?, 'alive', ?, 'db02', 777, ?, ?, ?)", job.name(), runId, now - 5_000, now, now + 60_000);

        assertThatThrownBy(() -> launcher.launch(job, RunLauncher.Options.defaults()))
                .isInstanceOf(RunLauncher.RunStillRunningException.class)
                .hasMessageStartingWith("Run " + runId + " of lease-live is running in process 777 on host db02 since ")
                .hasMessageContaining("run lease-live --recover")
                .hasMessageNotContaining("\n");
        // Nor does a new run, or a scheduled one, start beside it: one job never runs twice at once.
        assertThatThrownBy(() -> launcher.launch(job, RunLauncher.Options.forceNew()))
                .isInstanceOf(RunLauncher.RunStillRunningException.class);
        assertThatThrownBy(() -> launcher.launch(job, RunLauncher.Options.scheduled("20261124-020000")))
                .isInstanceOf(RunLauncher.RunStillRunningException.class);
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class,
                died.getId())).as("a refused start touches nothing").isEqualTo("STARTED");

        // The operator knows process 777 is gone: --recover takes its lease and resumes its run.
        JobExecution recovered = launcher.launch(job, RunLauncher.Options.recover());

        assertThat(recovered.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runId(recovered)).isEqualTo(runId);
        assertThat(rows("LR_RESULT", job.name(), runId)).isEqualTo(19);
        assertSameAsUninterruptedRun(dir.resolve("b/out/lease-live"), runId);
    }

    @Test
    void aScheduledFiringResumesARunWhoseProcessDiedInsteadOfStartingItsOwn() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("c"), "lease-scheduled", ""));
        String runId = runId(killedMidStore(job));

        JobExecution firing = launcher.launch(job, RunLauncher.Options.scheduled("20261124-020000"));

        assertThat(firing.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runId(firing)).isEqualTo(runId);
        assertSameAsUninterruptedRun(dir.resolve("c/out/lease-scheduled"), runId);
    }

    @Test
    void twoRunsStartedAtTheSameInstantRunOnceAndTheOtherSaysWhy() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("d"), "lease-race", ""));
        long pid = ProcessHandle.current().pid();
        // The database may outlive a test run: count this test's runs only.
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN WHERE JOB_NAME = 'lease-race'", Integer.class);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier sameInstant = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    outcomes.add(two.submit(() -> {
                        sameInstant.await();
                        try {
                            return launcher.run(job, RunLauncher.Options.defaults()).status();
                        } catch (RunLauncher.RunStillRunningException refused) {
                            return "REFUSED " + refused.getMessage();
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(results).as("round %d", round).filteredOn("COMPLETED"::equals).hasSize(1);
                assertThat(results).as("round %d", round).filteredOn(r -> r.startsWith("REFUSED")).singleElement()
                        .satisfies(r -> assertThat(r).matches("REFUSED (Run \\d{8}-\\d{6}-\\d{3}|A run) of lease-race is running "
                                + "in process " + pid + " on host .+ since .+, or now with: run lease-race --recover"));
            }
        } finally {
            two.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN WHERE JOB_NAME = 'lease-race'", Integer.class) - before)
                .as("one run per round").isEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN_LEASE WHERE JOB_NAME = 'lease-race'", Integer.class)).isZero();
    }

    /** A run stopped by the database in store-results after its first chunk, then marked as a kill -9 leaves it: still running. */
    JobExecution killedMidStore(JobDefinition job) throws Exception {
        failResultInsertsFrom(5);
        JobExecution died = launcher.launch(job, RunLauncher.Options.defaults());
        stopFailing();
        assertThat(died.getStatus()).isEqualTo(BatchStatus.FAILED);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ?", died.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ? AND STATUS = 'FAILED'",
                died.getId());
        return died;
    }

    int rows(String table, String job, String runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE JOB_NAME = ? AND RUN_ID = ?", Integer.class, job, runId);
    }

    static String runId(JobExecution run) {
        return run.getJobParameters().getString(RunParameters.RUN_ID);
    }

    /** One run folder, and files identical to a fresh run of the same inputs. */
    void assertSameAsUninterruptedRun(Path jobOutput, String runId) throws Exception {
        try (var folders = Files.list(jobOutput)) {
            assertThat(folders.map(p -> p.getFileName().toString()).toList()).containsExactly(runId);
        }
        JobDefinition fresh = loader.load(TenantFolders.exampleJob(dir.resolve("fresh-" + runId), "uninterrupted", ""));
        JobExecution reference = launcher.launch(fresh, RunLauncher.Options.forceNew());
        Path referenceRun = fresh.output().resolve("uninterrupted").resolve(runId(reference));
        for (String file : FILES) {
            assertThat(TenantFolders.read(jobOutput.resolve(runId).resolve(file))).as(file)
                    .isEqualTo(TenantFolders.read(referenceRun.resolve(file)));
        }
    }
}
