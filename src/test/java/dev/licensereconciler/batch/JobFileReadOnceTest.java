package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: a 5 MB job file took 38 s because every step parsed it again. A run reads its job file
 * once, when it starts: its steps work from that reading, so a file that is no job file any more by
 * the time they run changes nothing. (Same properties as RunLauncherTest: one application for both.)
 */
@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/restart", "license-reconciler.chunk-size=4"})
class JobFileReadOnceTest {

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;

    @TempDir
    Path dir;

    @Test
    void theStepsOfARunWorkFromTheJobFileAsReadWhenItStarted() throws Exception {
        Path jobFile = TenantFolders.exampleJob(dir, "read-once", "");
        JobDefinition job = loader.load(jobFile);
        // What every step would now fail on, were it to read the file again.
        Files.writeString(jobFile, "name: read-once\npolicies:\n  maxUnasign: 0\n  maxUnasign: 0\n");

        JobExecution run = launcher.launch(job, RunLauncher.Options.forceNew());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getStepExecutions()).extracting(s -> s.getStatus()).containsOnly(BatchStatus.COMPLETED);
        String runId = run.getJobParameters().getString(RunParameters.RUN_ID);
        assertThat(dir.resolve("out/read-once").resolve(runId).resolve("actions.csv")).isRegularFile();
    }
}
