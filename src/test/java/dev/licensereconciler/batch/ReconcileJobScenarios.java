package dev.licensereconciler.batch;

import dev.licensereconciler.support.TenantFolders;

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
 * The nightly job end to end: the worked example of the contract publishes exactly its expected
 * files and stores the same rows in the run's tables. Run on H2 ({@link ReconcileJobOnH2Test}) and on a
 * real MySQL-protocol server ({@link ReconcileJobOnMySqlTest}).
 */
abstract class ReconcileJobScenarios {

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

        // The tables hold the same rows as the files, row by row.
        assertThat(table("SELECT BATCH, SKU, OPERATION, DISABLED_PLANS, USER_UPN FROM LR_ACTION", runId))
                .isEqualTo(TenantFolders.read(expected.resolve("actions.csv")));
        assertThat(table("SELECT USER_UPN, SKU, OUTCOME, CODE, DISABLED_PLANS FROM LR_RESULT", runId))
                .isEqualTo(TenantFolders.read(expected.resolve("results.csv")));
        assertThat(table("SELECT FILE_NAME, LINE_NO, USER_UPN, SKU, CODE FROM LR_ERROR", runId))
                .isEqualTo(TenantFolders.read(expected.resolve("errors.csv")));
        assertThat(table("SELECT SKU, PRODUCT, CAPACITY, ASSIGNED_BEFORE, ASSIGNED_AFTER, REQUESTED, SHORTFALL, RECLAIMABLE, "
                + "PURCHASERS, UNIT_PRICE, CURRENCY, SHORTFALL_COST FROM LR_SHORTFALL", runId))
                .isEqualTo(TenantFolders.read(expected.resolve("shortfall.csv")));
        assertThat(jdbc.queryForMap("SELECT USERS, ASSIGNED, UNASSIGNED, UPDATED, REFUSED, INPUT_ERRORS, SHORTFALL FROM LR_RUN "
                + "WHERE JOB_NAME = ? AND RUN_ID = ?", "worked-example", runId))
                .isEqualTo(Map.of("USERS", 10, "ASSIGNED", 6, "UNASSIGNED", 1, "UPDATED", 1, "REFUSED", 7,
                        "INPUT_ERRORS", 3, "SHORTFALL", 3));
        assertThat(jdbc.queryForObject("SELECT OUTPUT_PATH FROM LR_RUN WHERE JOB_NAME = ? AND RUN_ID = ?", String.class,
                "worked-example", runId)).isEqualTo(run.toString());
    }

    /** A run's rows of one table as CSV text with the files' header, in stored order. */
    private String table(String select, String runId) {
        StringBuilder sb = new StringBuilder();
        jdbc.query(select + " WHERE JOB_NAME = ? AND RUN_ID = ? ORDER BY SEQ", rs -> {
            if (sb.isEmpty()) {
                sb.append(headerFor(select)).append('\n');
            }
            java.util.List<String> cells = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                cells.add(v == null ? "" : v instanceof java.math.BigDecimal b ? b.toPlainString() : v.toString());
            }
            sb.append(String.join(",", cells)).append('\n');
        }, "worked-example", runId);
        return sb.toString();
    }

    private static String headerFor(String select) {
        if (select.contains("LR_ACTION")) {
            return "batch,sku,operation,disabledPlans,user";
        } else if (select.contains("LR_RESULT")) {
            return "user,sku,outcome,code,disabledPlans";
        } else if (select.contains("LR_ERROR")) {
            return "file,line,user,sku,code";
        }
        return "sku,product,capacity,assignedBefore,assignedAfter,requested,shortfall,reclaimable,purchasers,unitPrice,currency,shortfallCost";
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
