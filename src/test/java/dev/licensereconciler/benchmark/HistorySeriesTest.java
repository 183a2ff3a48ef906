package dev.licensereconciler.benchmark;

import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.batch.RunTables;
import dev.licensereconciler.generator.TenantGenerator;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark's figures of runs one after another with a history limit, on the benchmark's own
 * job file and a small generated tenant: what each measured child reads after its run.
 */
@SpringBootTest(properties = {"license-reconciler.data-dir=" + HistorySeriesTest.DATA_DIR,
    "logging.level.dev.licensereconciler=WARN", "logging.level.license-reconciler.progress=WARN"})
class HistorySeriesTest {

    static final String DATA_DIR = "./target/test-db/history-series";
    private static final Path DATA = Path.of(DATA_DIR);

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JobRepository repository;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void withKeepRunsOneTheThirdRunLeavesTheDatabaseAsTheSecondDidAndThePurgeIsCountedAndTimed() throws Exception {
        HistorySeries series = runs(3, 1);
        List<HistorySeries.Run> runs = series.runs();
        HistorySeries.Run first = runs.get(0);
        HistorySeries.Run second = runs.get(1);
        HistorySeries.Run third = runs.get(2);

        assertThat(first.database().runRows()).isPositive();
        assertThat(first.database().perRunTableRows()).isEqualTo(first.database().runRows());
        assertThat(first.purgedRows()).isZero();
        // Each later run removed exactly the run before it: every row of it, in every per-run table.
        assertThat(second.purgedRows()).isEqualTo(first.database().runRows());
        assertThat(third.purgedRows()).isEqualTo(second.database().runRows());
        // Row for row, table for table (LR_* and Spring Batch's BATCH_*), the third run leaves what the second left.
        assertThat(third.database().tableRows()).isEqualTo(second.database().tableRows());
        assertThat(third.database().tableRows()).containsKeys("LR_RESULT", "LR_RUN", "BATCH_JOB_INSTANCE",
                "BATCH_STEP_EXECUTION").containsEntry("LR_RUN", 1L).containsEntry("BATCH_JOB_INSTANCE", 1L);
        assertThat(third.database().tableRows().keySet()).containsAll(RunTables.ALL);
        assertThat(third.database().tableRows().get("BATCH_STEP_EXECUTION"))
                .isLessThan(first.database().tableRows().get("BATCH_STEP_EXECUTION") * 2);
        for (HistorySeries.Run run : runs) {
            assertThat(run.runFolders()).as("run folders after run %d", run.number()).isEqualTo(1);
            assertThat(run.database().diskBytes()).as("H2 data folder after run %d", run.number()).isPositive();
            assertThat(run.database().schemaBytes()).isEqualTo(DatabaseFigures.UNKNOWN);
            assertThat(run.database().engine()).isEqualTo("H2");
        }

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        series.printRun(out, third, 3);
        series.printSummary(out);
        String printed = text.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("after run 3 of 3, 300 users on h2 (history: keepRuns 1, keepDays 0):")
                .contains(String.format("%,d rows purged; kept: 1 runs in LR_RUN, 1 in BATCH_JOB_INSTANCE, 1 run folders",
                        third.purgedRows()))
                .contains(HistorySeries.mb(third.database().diskBytes()) + " MB on disk (data folder)")
                .contains(String.format("LR_RESULT %,d", third.database().tableRows().get("LR_RESULT")))
                .contains("database MB after each run: " + HistorySeries.mb(first.database().diskBytes()) + " -> "
                        + HistorySeries.mb(second.database().diskBytes()) + " -> " + HistorySeries.mb(third.database().diskBytes()))
                .contains(String.format(Locale.ROOT, "(added by runs 2-3: %+,.1f, %+,.1f)",
                        (second.database().diskBytes() - first.database().diskBytes()) / 1e6,
                        (third.database().diskBytes() - second.database().diskBytes()) / 1e6))
                .contains("LR_* rows after run 3 against run 2 (the first that purged): x1.00");
    }

    @Test
    void withoutALimitEveryRunStaysAndNothingIsPurged() throws Exception {
        HistorySeries series = runs(2, 0);
        HistorySeries.Run first = series.runs().get(0);
        HistorySeries.Run second = series.runs().get(1);

        assertThat(second.purgedRows()).isZero();
        assertThat(second.database().perRunTableRows()).isEqualTo(first.database().runRows() + second.database().runRows());
        assertThat(second.database().tableRows()).containsEntry("LR_RUN", 2L).containsEntry("BATCH_JOB_INSTANCE", 2L);
        assertThat(second.runFolders()).isEqualTo(2);
        assertThat(series.bound()).contains("no run purged another by count yet");
    }

    @Test
    void databaseFiguresCrossFromTheChildToTheOrchestratorUnchanged() {
        DatabaseFigures figures = new DatabaseFigures("MariaDB", Map.of("LR_RESULT", 1_948_726L, "LR_RUN", 1L,
                "BATCH_JOB_INSTANCE", 1L), 1_948_727, 812_000_000L, 1_073_741_824L);

        assertThat(DatabaseFigures.parse(figures.toLine())).isEqualTo(figures);
        assertThat(figures.rows("LR_")).isEqualTo(1_948_727);
        assertThat(figures.rows("BATCH_")).isEqualTo(1);
        assertThat(figures.sizeBytes()).isEqualTo(1_073_741_824L);
        assertThat(figures.withDiskBytes(DatabaseFigures.UNKNOWN).sizeBytes()).isEqualTo(812_000_000L);
    }

    @Test
    void runsAndKeepRunsAreOptionsOfTheBenchmarkAndBadValuesAreRefusedWithTheOption() {
        Benchmark.Options options = Benchmark.Options.parse(new String[] {"--sizes", "1m", "--runs", "4", "--keep-runs", "1"});
        assertThat(options.runs()).isEqualTo(4);
        assertThat(options.historySection()).isEqualTo("history:\n  keepRuns: 1\n  keepDays: 0\n");
        assertThat(options.historyText()).isEqualTo("keepRuns 1, keepDays 0");

        Benchmark.Options defaults = Benchmark.Options.parse(new String[0]);
        assertThat(defaults.runs()).isEqualTo(1);
        assertThat(defaults.historySection()).isEmpty();

        assertThatThrownBy(() -> Benchmark.Options.parse(new String[] {"--runs", "0"}))
                .hasMessage("--runs 0: give a whole number of at least 1");
        assertThatThrownBy(() -> Benchmark.Options.parse(new String[] {"--keep-runs", "one"}))
                .hasMessage("--keep-runs one: give a whole number of at least 0");
    }

    @Test
    void thePurgeStepIsAPhaseOfTheTableWithItsOwnTime() {
        List<Benchmark.Phase> raw = List.of(new Benchmark.Phase("read", 10, 2_000_000_000L, 0, 0, 0, 0),
                new Benchmark.Phase("publish", 50, 1_000_000_000L, 0, 0, 0, 0),
                new Benchmark.Phase(HistorySeries.PURGE_STEP, 0, 24_000_000_000L, 0, 0, 0, 0),
                new Benchmark.Phase("job", 0, 30_000_000_000L, 0, 0, 0, 0));

        List<Benchmark.Phase> table = Orchestrator.aggregate(raw, 100);

        assertThat(table).extracting(Benchmark.Phase::name).containsExactly("read+parse", "publish", Orchestrator.PURGE,
                "total (job)");
        assertThat(table.get(2).seconds()).isEqualTo(24.0);
    }

    /**
     * {@code count} runs of the benchmark's job file on an emptied database, each followed by the
     * figures a measured child reads after its run. The launch is the {@code run --new} of a child,
     * without a JVM per run (which would make this test take minutes).
     */
    private HistorySeries runs(int count, int keepRuns) throws Exception {
        Benchmark.Options options = Benchmark.Options.parse(new String[] {"--runs", Integer.toString(count),
                "--keep-runs", Integer.toString(keepRuns)});
        empty();
        Path tenant = dir.resolve("tenant");
        new TenantGenerator(5).write(tenant, 300);
        Path output = dir.resolve("out");
        JobDefinition job = loader.load(Files.writeString(dir.resolve("job.yml"),
                Orchestrator.jobFile(tenant, output, options.historySection())));
        HistorySeries series = new HistorySeries("300 users on h2", options.historyText(), options.effectiveKeepRuns());
        for (int i = 0; i < options.runs(); i++) {
            JobExecution execution = launcher.launch(job, RunLauncher.Options.forceNew());
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            RunPhases.AfterRun after = RunPhases.after(repository, dataSource, execution);
            RunPhases.Window purge = after.phases().phases().stream()
                    .filter(w -> w.name().equals(HistorySeries.PURGE_STEP)).findFirst().orElseThrow();
            assertThat(purge.endMillis()).isBetween(purge.startMillis(), after.phases().job().endMillis());
            series.add(0, after.phases().job().nanos() / 1e9, purge.nanos() / 1e9,
                    after.database().withDiskBytes(Benchmark.folderBytes(DATA)), Orchestrator.runFolders(output.resolve(Orchestrator.JOB_NAME)));
            Thread.sleep(2); // run ids are to the millisecond
        }
        return series;
    }

    /** The benchmark's database starts empty; this context's database is shared by this class's tests. */
    private void empty() {
        for (String table : List.of("BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT",
                "BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION", "BATCH_JOB_INSTANCE")) {
            jdbc.update("DELETE FROM " + table);
        }
        for (String table : jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA() "
                + "AND TABLE_NAME LIKE 'LR\\_%'", String.class)) {
            jdbc.update("DELETE FROM " + table);
        }
    }
}
