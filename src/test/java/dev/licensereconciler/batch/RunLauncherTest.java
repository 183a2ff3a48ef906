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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run that dies part-way is run again and finishes with exactly the outputs of a run that
 * never stopped: same files, no second folder, no duplicated rows. Small chunks make the
 * failures land in the middle of a step.
 */
@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/restart", "license-reconciler.chunk-size=4"})
class RunLauncherTest {

    private static final List<String> FILES = List.of("actions.csv", "results.csv", "errors.csv", "shortfall.csv");

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @AfterEach
    void disarm() {
        FailingInsertTrigger.FAIL_AT_SEQ.set(-1);
        jdbc.execute("DROP TRIGGER IF EXISTS FAIL_RESULT_INSERT");
        jdbc.update("DELETE FROM LR_RUN_LEASE");
    }

    @Test
    void databaseFailureMidStepResumesAfterTheLastCommittedChunk() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("a"), "restart-db", ""));
        jdbc.execute("CREATE TRIGGER FAIL_RESULT_INSERT BEFORE INSERT ON LR_RESULT FOR EACH ROW CALL \""
                + FailingInsertTrigger.class.getName() + "\"");
        FailingInsertTrigger.FAIL_AT_SEQ.set(10);

        JobExecution failed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        String runId = failed.getJobParameters().getString(RunParameters.RUN_ID);
        assertThat(rows("LR_RESULT", job.name(), runId)).as("two chunks of 4 committed").isEqualTo(8);
        assertThat(dir.resolve("a/out/restart-db")).doesNotExist();

        FailingInsertTrigger.FAIL_AT_SEQ.set(-1);
        JobExecution resumed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobParameters().getString(RunParameters.RUN_ID)).isEqualTo(runId);
        assertThat(rows("LR_RESULT", job.name(), runId)).isEqualTo(19);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT SEQ) FROM LR_RESULT WHERE JOB_NAME = ? AND RUN_ID = ?",
                Integer.class, job.name(), runId)).isEqualTo(19);
        assertSameAsUninterruptedRun(dir.resolve("a/out/restart-db"), runId);
    }

    @Test
    void failedPublishPublishesNothingAndTheResumedRunPublishesOnce() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("b"), "restart-publish", ""));
        // A file where the job's output folder should be: the publish step cannot create its folder.
        Path jobOutput = dir.resolve("b/out/restart-publish");
        Files.createDirectories(jobOutput.getParent());
        Files.writeString(jobOutput, "in the way");

        JobExecution failed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getStepExecutions()).filteredOn(s -> s.getStatus() == BatchStatus.FAILED)
                .extracting(s -> s.getStepName()).containsExactly("publish");
        String runId = failed.getJobParameters().getString(RunParameters.RUN_ID);

        Files.delete(jobOutput);
        JobExecution resumed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rows("LR_ACTION", job.name(), runId)).isEqualTo(8);
        assertThat(rows("LR_ERROR", job.name(), runId)).isEqualTo(10);
        assertSameAsUninterruptedRun(jobOutput, runId);
    }

    @Test
    void aRunWhoseProcessDiedIsTakenOverByThePlainRunOnceItsLeaseLapses() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("c"), "restart-kill", ""));
        JobExecution died = killedMidStore(job);
        String runId = died.getJobParameters().getString(RunParameters.RUN_ID);
        // Its process, 4242 on db01, renewed the lease last two minutes ago: the lease has lapsed.
        long twoMinutesAgo = System.currentTimeMillis() - 120_000;
        jdbc.update("INSERT INTO LR_RUN_LEASE (JOB_NAME, TOKEN, RUN_ID, HOST, PID, ACQUIRED_AT, RENEWED_AT, EXPIRES_AT) "
                + "VALUES (?, 'dead', ?, 'db01', 4242, ?, ?, ?)", job.name(), runId, twoMinutesAgo, twoMinutesAgo, twoMinutesAgo + 60_000);

        JobExecution resumed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobParameters().getString(RunParameters.RUN_ID)).isEqualTo(runId);
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class,
                died.getId())).as("the dead execution").isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class,
                died.getId())).contains("Abandoned: left running by process 4242 on host db01");
        assertThat(rows("LR_RESULT", job.name(), runId)).isEqualTo(19);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN_LEASE WHERE JOB_NAME = ?", Integer.class, job.name()))
                .as("the lease is given back").isZero();
        assertSameAsUninterruptedRun(dir.resolve("c/out/restart-kill"), runId);
    }

    @Test
    void aRunMarkedRunningWithoutALeaseIsTakenOverToo() throws Exception {
        // What a kill -9 left behind before leases existed: the execution marked running, no lease row.
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("f"), "restart-no-lease", ""));
        String runId = killedMidStore(job).getJobParameters().getString(RunParameters.RUN_ID);

        JobExecution resumed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobParameters().getString(RunParameters.RUN_ID)).isEqualTo(runId);
        assertSameAsUninterruptedRun(dir.resolve("f/out/restart-no-lease"), runId);
    }

    @Test
    void aLiveLeaseRefusesEveryOtherStartSayingWhoRunsItAndRecoverOverridesIt() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("g"), "restart-live", ""));
        JobExecution died = killedMidStore(job);
        String runId = died.getJobParameters().getString(RunParameters.RUN_ID);
        long now = System.currentTimeMillis();
        jdbc.update("INSERT INTO LR_RUN_LEASE (JOB_NAME, TOKEN, RUN_ID, HOST, PID, ACQUIRED_AT, RENEWED_AT, EXPIRES_AT) "
                + "VALUES (?, 'alive', ?, 'db02', 777, ?, ?, ?)", job.name(), runId, now - 5_000, now, now + 60_000);

        assertThatThrownBy(() -> launcher.launch(job, RunLauncher.Options.defaults()))
                .isInstanceOf(RunLauncher.RunStillRunningException.class)
                .hasMessageStartingWith("Run " + runId + " of restart-live is running in process 777 on host db02 since ")
                .hasMessageContaining("run restart-live --recover")
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
        assertThat(recovered.getJobParameters().getString(RunParameters.RUN_ID)).isEqualTo(runId);
        assertThat(rows("LR_RESULT", job.name(), runId)).isEqualTo(19);
        assertSameAsUninterruptedRun(dir.resolve("g/out/restart-live"), runId);
    }

    @Test
    void aScheduledFiringResumesARunWhoseProcessDiedInsteadOfStartingItsOwn() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("h"), "restart-scheduled", ""));
        String runId = killedMidStore(job).getJobParameters().getString(RunParameters.RUN_ID);

        JobExecution firing = launcher.launch(job, RunLauncher.Options.scheduled("20261124-020000"));

        assertThat(firing.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(firing.getJobParameters().getString(RunParameters.RUN_ID)).isEqualTo(runId);
        assertSameAsUninterruptedRun(dir.resolve("h/out/restart-scheduled"), runId);
    }

    /** A run that failed in store-results after a chunk, then marked as a kill -9 leaves it: still running. */
    private JobExecution killedMidStore(JobDefinition job) throws Exception {
        jdbc.execute("CREATE TRIGGER FAIL_RESULT_INSERT BEFORE INSERT ON LR_RESULT FOR EACH ROW CALL \""
                + FailingInsertTrigger.class.getName() + "\"");
        FailingInsertTrigger.FAIL_AT_SEQ.set(5);
        JobExecution died = launcher.launch(job, RunLauncher.Options.defaults());
        FailingInsertTrigger.FAIL_AT_SEQ.set(-1);
        jdbc.execute("DROP TRIGGER IF EXISTS FAIL_RESULT_INSERT");
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
                + "WHERE JOB_EXECUTION_ID = ?", died.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ? AND STATUS = 'FAILED'",
                died.getId());
        return died;
    }

    @Test
    void changedInputsStartANewRunInsteadOfMixingTwoVersions() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("d"), "restart-changed", ""));
        jdbc.execute("CREATE TRIGGER FAIL_RESULT_INSERT BEFORE INSERT ON LR_RESULT FOR EACH ROW CALL \""
                + FailingInsertTrigger.class.getName() + "\"");
        FailingInsertTrigger.FAIL_AT_SEQ.set(3);
        String failedRun = launcher.launch(job, RunLauncher.Options.defaults()).getJobParameters().getString(RunParameters.RUN_ID);
        FailingInsertTrigger.FAIL_AT_SEQ.set(-1);
        Path users = job.input().resolve("users.csv");
        Files.writeString(users, Files.readString(users) + "zoe.new@contoso.example,Zoë New,Member,true,NL,Sales\n");

        JobExecution next = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(next.getJobParameters().getString(RunParameters.RUN_ID)).isNotEqualTo(failedRun);
    }

    @Test
    void changedJobFileStartsANewRunThatChecksTheGuardAgain() throws Exception {
        Path jobFile = TenantFolders.exampleJob(dir.resolve("e"), "restart-job-edited", "");
        JobDefinition job = loader.load(jobFile);
        jdbc.execute("CREATE TRIGGER FAIL_RESULT_INSERT BEFORE INSERT ON LR_RESULT FOR EACH ROW CALL \""
                + FailingInsertTrigger.class.getName() + "\"");
        FailingInsertTrigger.FAIL_AT_SEQ.set(10);
        String failedRun = launcher.launch(job, RunLauncher.Options.defaults()).getJobParameters().getString(RunParameters.RUN_ID);
        FailingInsertTrigger.FAIL_AT_SEQ.set(-1);
        // Between the failure and the next run the admin tightens the guard: Ivo's E3 removal is one too many.
        TenantFolders.write(jobFile, TenantFolders.read(jobFile).replace("maxUnassign: 500", "maxUnassign: 0"));

        JobExecution next = launcher.launch(loader.load(jobFile), RunLauncher.Options.defaults());

        assertThat(next.getJobParameters().getString(RunParameters.RUN_ID)).isNotEqualTo(failedRun);
        assertThat(next.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(next.getAllFailureExceptions().get(0)).hasMessageContaining("would unassign 1 licenses");
        assertThat(dir.resolve("e/out/restart-job-edited")).doesNotExist();
    }

    private int rows(String table, String job, String runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE JOB_NAME = ? AND RUN_ID = ?", Integer.class, job, runId);
    }

    /** One run folder, and files identical to a fresh run of the same inputs. */
    private void assertSameAsUninterruptedRun(Path jobOutput, String runId) throws Exception {
        try (var folders = Files.list(jobOutput)) {
            assertThat(folders.map(p -> p.getFileName().toString()).toList()).containsExactly(runId);
        }
        JobDefinition fresh = loader.load(TenantFolders.exampleJob(dir.resolve("fresh-" + runId), "uninterrupted", ""));
        JobExecution reference = launcher.launch(fresh, RunLauncher.Options.forceNew());
        Path referenceRun = fresh.output().resolve("uninterrupted").resolve(reference.getJobParameters().getString(RunParameters.RUN_ID));
        for (String file : FILES) {
            assertThat(TenantFolders.read(jobOutput.resolve(runId).resolve(file))).as(file)
                    .isEqualTo(TenantFolders.read(referenceRun.resolve(file)));
        }
    }
}
