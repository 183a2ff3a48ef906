package dev.licensereconciler.benchmark;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.support.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's phases are Spring Batch's own record of a run. */
class RunPhasesTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void aRealRunGivesEveryStepWithItsRowsFromTheJobRepository() throws Exception {
        Path input = Path.of(getClass().getResource("/examples/basic/input").toURI());
        Path job = Files.writeString(dir.resolve("phases.yml"), """
                name: phases
                input: %s
                servicePlanRules: %s
                output: %s
                mail: {enabled: false}
                """.formatted(input, input.resolve("service-plan-rules.csv"), dir.resolve("out")));
        List<String> spring = List.of("--license-reconciler.data-dir=" + dir.resolve("db"), "--logging.level.root=ERROR",
                "--logging.level.dev.licensereconciler=ERROR", "--logging.level.license-reconciler.progress=ERROR");
        int status = LicenseReconcilerApplication.execute(Stream.concat(Stream.of("run", job.toString()), spring.stream())
                .toArray(String[]::new));
        assertThat(status).as(console.err()).isEqualTo(3);

        RunPhases.AfterRun after = RunPhases.afterLastRun("phases", spring);
        RunPhases.Phases phases = after.phases();

        Map<String, RunPhases.Window> byName = phases.phases().stream()
                .collect(Collectors.toMap(RunPhases.Window::name, w -> w));
        assertThat(byName).containsKeys("store-results", "store-actions", "store-errors", "store-shortfalls", "publish", "notify",
                "purge-history");
        assertThat(byName.containsKey("compute") || byName.keySet().containsAll(List.of("read", "reconcile"))).isTrue();
        Path runFolder;
        try (Stream<Path> runs = Files.list(dir.resolve("out/phases"))) {
            runFolder = runs.findFirst().orElseThrow();
        }
        long stored = 0;
        for (String[] step : new String[][] {{"store-results", "results.csv"}, {"store-actions", "actions.csv"},
                {"store-errors", "errors.csv"}, {"store-shortfalls", "shortfall.csv"}, {"store-surplus", "surplus.csv"},
                {"store-recommendations", "recommendations.csv"}, {"store-costs", "costs.csv"}}) {
            long rows = Files.readAllLines(runFolder.resolve(step[1])).size() - 1;
            assertThat(byName.get(step[0]).rows()).as(step[0]).isEqualTo(rows);
            stored += rows;
        }
        assertThat(byName.get("publish").rows()).isEqualTo(stored);
        // The database's figures after the run: the only run, so every per-run row is its own; its reports' rows and its LR_RUN row among them.
        DatabaseFigures database = after.database();
        assertThat(database.engine()).isEqualTo("H2");
        assertThat(database.tableRows()).containsEntry("LR_RUN", 1L).containsEntry("BATCH_JOB_INSTANCE", 1L)
                .containsEntry("LR_RESULT", byName.get("store-results").rows());
        assertThat(database.runRows()).isEqualTo(database.perRunTableRows()).isGreaterThanOrEqualTo(stored + 1);
        RunPhases.Window jobWindow = phases.job();
        assertThat(jobWindow.rows()).isEqualTo(10); // users of the worked example
        for (RunPhases.Window w : phases.phases()) {
            assertThat(w.startMillis()).as(w.name()).isBetween(jobWindow.startMillis(), w.endMillis());
            assertThat(w.endMillis()).as(w.name()).isLessThanOrEqualTo(jobWindow.endMillis());
        }
    }

    @Test
    void theComputeStepIsSplitIntoReadAndReconcileByItsExecutionContext() {
        LocalDateTime t0 = LocalDateTime.of(2026, 12, 1, 2, 0, 0);
        JobExecution execution = new JobExecution(1, new JobInstance(1, "nightly"), new JobParameters());
        execution.setStartTime(t0);
        execution.setEndTime(t0.plusSeconds(10));
        execution.getExecutionContext().putInt("lr.users", 1000);
        StepExecution compute = step(execution, 1, "compute", t0, t0.plusSeconds(4), 0);
        compute.getExecutionContext().putLong(RunPhases.READ_MILLIS, 2500L);
        compute.getExecutionContext().putLong(RunPhases.RECONCILE_MILLIS, 1400L);
        step(execution, 2, "store-results", t0.plusSeconds(4), t0.plusSeconds(8), 1800);
        step(execution, 3, "store-actions", t0.plusSeconds(4), t0.plusSeconds(5), 150);
        step(execution, 4, "publish", t0.plusSeconds(8), t0.plusSeconds(9), 0);

        RunPhases.Phases phases = RunPhases.of(execution);

        long start = phases.job().startMillis();
        assertThat(phases.phases()).extracting(RunPhases.Window::name)
                .containsExactly("read", "reconcile", "store-results", "store-actions", "publish");
        assertThat(phases.phases().get(0)).isEqualTo(new RunPhases.Window("read", 1000, start, start + 2500));
        assertThat(phases.phases().get(1)).isEqualTo(new RunPhases.Window("reconcile", 1000, start + 2500, start + 3900));
        assertThat(phases.phases().get(4).rows()).isEqualTo(1950);
        assertThat(phases.job().nanos()).isEqualTo(10_000_000_000L);
    }

    private static StepExecution step(JobExecution execution, long id, String name, LocalDateTime start, LocalDateTime end,
                                      long writes) {
        StepExecution step = new StepExecution(id, name, execution);
        step.setStartTime(start);
        step.setEndTime(end);
        step.setWriteCount(writes);
        execution.addStepExecution(step);
        return step;
    }
}
