package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly job end to end on the embedded database: the worked example of the contract
 * publishes exactly its expected files and stores the same rows in the run's tables.
 */
@SpringBootTest(properties = "license-reconciler.data-dir=./target/test-db/reconcile-job")
class ReconcileJobTest {

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void workedExamplePublishesExactlyTheExpectedFiles() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "worked-example", ""));

        JobExecution execution = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String runId = execution.getJobParameters().getString("runId");
        Path run = dir.resolve("out/worked-example").resolve(runId);
        Path expected = TenantFolders.example("basic").resolve("expected");
        for (String file : List.of("actions.csv", "results.csv", "shortfall.csv")) {
            assertThat(TenantFolders.read(run.resolve(file))).as(file).isEqualTo(TenantFolders.read(expected.resolve(file)));
        }
        assertThat(TenantFolders.errorKeys(run.resolve("errors.csv"))).isEqualTo(TenantFolders.read(expected.resolve("errors.csv")));
        assertThat(run.resolve("summary.html")).isRegularFile();
        try (var files = Files.list(dir.resolve("out/worked-example"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(runId);
        }

        assertThat(jdbc.queryForList("SELECT BATCH, SKU, OPERATION, USER_UPN FROM LR_ACTION WHERE JOB_NAME = ? AND RUN_ID = ? ORDER BY SEQ",
                "worked-example", runId)).hasSize(8).first()
                .isEqualTo(Map.of("BATCH", 1, "SKU", "ENTERPRISEPACK", "OPERATION", "UNASSIGN", "USER_UPN", "ivo.peters@contoso.example"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RESULT WHERE JOB_NAME = ? AND RUN_ID = ?", Integer.class,
                "worked-example", runId)).isEqualTo(19);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_ERROR WHERE JOB_NAME = ? AND RUN_ID = ?", Integer.class,
                "worked-example", runId)).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT SHORTFALL FROM LR_SHORTFALL WHERE JOB_NAME = ? AND RUN_ID = ? AND SKU = 'EMS'",
                Integer.class, "worked-example", runId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT OUTPUT_PATH FROM LR_RUN WHERE JOB_NAME = ? AND RUN_ID = ?", String.class,
                "worked-example", runId)).isEqualTo(run.toString());
    }

    @Test
    void guardStopsARunThatWouldUnassignTooManyAndPublishesNothing() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "guarded", ""));
        JobDefinition strict = new JobDefinition(job.name(), job.type(), job.schedule(), job.input(), job.requests(),
                job.catalog(), job.servicePlanRules(), job.output(),
                new dev.licensereconciler.domain.Policies(false, false, "", dev.licensereconciler.domain.Reclaim.NONE, 0, 20),
                job.mail(), job.source());
        // Ivo's E3 removal is one unassignment: more than a threshold of 0.
        TenantFolders.write(job.source(), TenantFolders.read(job.source()).replace("maxUnassign: 500", "maxUnassign: 0"));

        JobExecution execution = launcher.launch(strict, RunLauncher.Options.defaults());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions().get(0)).hasMessageContaining("would unassign 1 licenses")
                .hasMessageContaining("--max-unassign 1");
        assertThat(dir.resolve("out/guarded")).doesNotExist();

        JobExecution allowed = launcher.launch(strict, new RunLauncher.Options(null, 1, false, false));
        assertThat(allowed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }
}
