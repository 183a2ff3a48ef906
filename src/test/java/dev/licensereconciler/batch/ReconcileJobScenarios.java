package dev.licensereconciler.batch;

import dev.licensereconciler.domain.Policies;
import dev.licensereconciler.domain.Reclaim;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.report.ReportLayout;
import dev.licensereconciler.report.ReportRows;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        String runId = execution.getJobParameters().getString(RunParameters.RUN_ID);
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
        assertThat(table(ReportRows.ACTIONS, runId)).isEqualTo(TenantFolders.read(expected.resolve("actions.csv")));
        assertThat(table(ReportRows.RESULTS, runId)).isEqualTo(TenantFolders.read(expected.resolve("results.csv")));
        assertThat(table(ReportRows.ERRORS, runId, "file", "line", "user", "sku", "code"))
                .isEqualTo(TenantFolders.read(expected.resolve("errors.csv")));
        assertThat(table(ReportRows.SHORTFALL, runId)).isEqualTo(TenantFolders.read(expected.resolve("shortfall.csv")));
        assertThat(jdbc.queryForMap("SELECT USERS, ASSIGNED, UNASSIGNED, UPDATED, REFUSED, INPUT_ERRORS, SHORTFALL FROM LR_RUN "
                + "WHERE JOB_NAME = ? AND RUN_ID = ?", "worked-example", runId))
                .isEqualTo(Map.of("USERS", 10, "ASSIGNED", 6, "UNASSIGNED", 1, "UPDATED", 1, "REFUSED", 7,
                        "INPUT_ERRORS", 3, "SHORTFALL", 3));
        // The compute step's sub-phases, for the benchmark.
        assertThat(execution.getStepExecutions()).filteredOn(s -> s.getStepName().equals("compute")).singleElement()
                .satisfies(s -> assertThat(s.getExecutionContext().containsKey(RunJobFactory.READ_MILLIS)
                        && s.getExecutionContext().containsKey(RunJobFactory.RECONCILE_MILLIS)).isTrue());
        assertThat(jdbc.queryForObject("SELECT OUTPUT_PATH FROM LR_RUN WHERE JOB_NAME = ? AND RUN_ID = ?", String.class,
                "worked-example", runId)).isEqualTo(run.toString());
    }

    /**
     * A run's rows of one output's table as CSV text with the file's header, in stored order: all
     * columns of the layout, or those with the given headers.
     */
    private <T> String table(ReportLayout<T> layout, String runId, String... headers) {
        List<ReportLayout.Column<T>> columns = layout.columns().stream()
                .filter(c -> headers.length == 0 || List.of(headers).contains(c.header())).toList();
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns.stream().map(ReportLayout.Column::header).toList())).append('\n');
        jdbc.query("SELECT " + String.join(", ", columns.stream().map(ReportLayout.Column::dbColumn).toList())
                + " FROM " + layout.table() + " WHERE JOB_NAME = ? AND RUN_ID = ? ORDER BY SEQ", rs -> {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                Object v = rs.getObject(i);
                cells.add(v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : v.toString());
            }
            sb.append(String.join(",", cells)).append('\n');
        }, "worked-example", runId);
        return sb.toString();
    }

    @Test
    void guardStopsARunThatWouldUnassignTooManyAndPublishesNothing() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "guarded", ""));
        JobDefinition strict = new JobDefinition(job.name(), job.type(), job.schedule(), job.input(), job.requests(),
                job.catalog(), job.servicePlanRules(), job.output(),
                new Policies(false, false, "", Reclaim.NONE, 0, 20),
                job.mail(), job.source());
        // Ivo's E3 removal is one unassignment: more than a threshold of 0.
        TenantFolders.write(job.source(), TenantFolders.read(job.source()).replace("maxUnassign: 500", "maxUnassign: 0"));

        JobExecution execution = launcher.launch(strict, RunLauncher.Options.defaults());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions().get(0)).hasMessageContaining("would unassign 1 licenses")
                .hasMessageContaining("--max-unassign 1");
        assertThat(dir.resolve("out/guarded")).doesNotExist();

        JobExecution allowed = launcher.launch(strict, RunLauncher.Options.defaults().withMaxUnassign(1));
        assertThat(allowed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }
}
