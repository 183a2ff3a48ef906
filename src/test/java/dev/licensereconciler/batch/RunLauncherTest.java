package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
/**
 * A run that dies part-way is run again and finishes with exactly the outputs of a run that
 * never stopped: same files, no second folder, no duplicated rows. Small chunks make the
 * failures land in the middle of a step. On the embedded database, where the failure is a
 * trigger of this JVM's ({@link FailingInsertTrigger}); the lease scenarios are {@link RunLeaseScenarios}'.
 */
@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/restart", "license-reconciler.chunk-size=4"})
class RunLauncherTest extends RunLeaseScenarios {

    @Override
    void failResultInsertsFrom(int seq) {
        jdbc.execute("CREATE TRIGGER IF NOT EXISTS FAIL_RESULT_INSERT BEFORE INSERT ON LR_RESULT FOR EACH ROW CALL \""
                + FailingInsertTrigger.class.getName() + "\"");
        FailingInsertTrigger.FAIL_AT_SEQ.set(seq);
    }

    @Override
    void stopFailing() {
        FailingInsertTrigger.FAIL_AT_SEQ.set(-1);
        jdbc.execute("DROP TRIGGER IF EXISTS FAIL_RESULT_INSERT");
    }

    @Test
    void databaseFailureMidStepResumesAfterTheLastCommittedChunk() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("a"), "restart-db", ""));
        failResultInsertsFrom(10);

        JobExecution failed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        String runId = runId(failed);
        assertThat(rows("LR_RESULT", job.name(), runId)).as("two chunks of 4 committed").isEqualTo(8);
        assertThat(dir.resolve("a/out/restart-db")).doesNotExist();

        stopFailing();
        JobExecution resumed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runId(resumed)).isEqualTo(runId);
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
    void changedInputsStartANewRunInsteadOfMixingTwoVersions() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir.resolve("d"), "restart-changed", ""));
        failResultInsertsFrom(3);
        String failedRun = runId(launcher.launch(job, RunLauncher.Options.defaults()));
        stopFailing();
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
        failResultInsertsFrom(10);
        String failedRun = runId(launcher.launch(job, RunLauncher.Options.defaults()));
        stopFailing();
        // Between the failure and the next run the admin tightens the guard: Ivo's E3 removal is one too many.
        TenantFolders.write(jobFile, TenantFolders.read(jobFile).replace("maxUnassign: 500", "maxUnassign: 0"));

        JobExecution next = launcher.launch(loader.load(jobFile), RunLauncher.Options.defaults());

        assertThat(next.getJobParameters().getString(RunParameters.RUN_ID)).isNotEqualTo(failedRun);
        assertThat(next.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(next.getAllFailureExceptions().get(0)).hasMessageContaining("would unassign 1 licenses");
        assertThat(dir.resolve("e/out/restart-job-edited")).doesNotExist();
    }
}
