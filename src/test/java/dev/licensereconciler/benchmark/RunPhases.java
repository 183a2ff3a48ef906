package dev.licensereconciler.benchmark;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.batch.RunParameters;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The phases of a finished run, as Spring Batch recorded them: each step's start, end and write
 * count from the job repository (BATCH_STEP_EXECUTION), and the compute step's split into reading
 * and reconciling from its execution context (keys {@value #READ_MILLIS}, {@value #RECONCILE_MILLIS}).
 * This is the benchmark's only timing source: the product keeps no hook for it.
 */
final class RunPhases {

    static final String READ_MILLIS = "readMillis";
    static final String RECONCILE_MILLIS = "reconcileMillis";
    private static final String USERS = "lr.users";

    /** One phase: wall-clock start and end in epoch milliseconds. */
    record Window(String name, long rows, long startMillis, long endMillis) {
        long nanos() {
            return (endMillis - startMillis) * 1_000_000;
        }
    }

    /** The phases of the job and the job itself. */
    record Phases(List<Window> phases, Window job) {
    }

    private RunPhases() {
    }

    /** The phases of a run and what the database holds once it has ended. */
    record AfterRun(Phases phases, DatabaseFigures database) {
    }

    /**
     * Opens the application's database (the same Spring properties as the run: data dir, profile)
     * and returns the phases of the last execution of the job and what the database holds after it.
     */
    static AfterRun afterLastRun(String jobName, List<String> springArgs) {
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(LicenseReconcilerApplication.class)
                .logStartupInfo(false).run(springArgs.toArray(String[]::new))) {
            JobRepository repository = ctx.getBean(JobRepository.class);
            JobInstance instance = repository.getLastJobInstance(jobName);
            if (instance == null) {
                throw new IllegalStateException("no run of " + jobName + " in the job repository");
            }
            return after(repository, ctx.getBean(DataSource.class), repository.getLastJobExecution(instance));
        }
    }

    /** The phases of a run that has ended, as the job repository holds them, and the database's figures after it. */
    static AfterRun after(JobRepository repository, DataSource dataSource, JobExecution execution) {
        JobExecution stored = repository.getJobExecution(execution.getId());
        String runId = stored.getJobParameters().getString(RunParameters.RUN_ID);
        try (Connection connection = dataSource.getConnection()) {
            return new AfterRun(of(stored), DatabaseFigures.read(connection, stored.getJobInstance().getJobName(), runId));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's figures: " + e.getMessage(), e);
        }
    }

    /**
     * read and reconcile (when the compute step recorded them; otherwise compute as one phase),
     * then every other step in the order they started. Rows: users for compute, read and reconcile,
     * written items for the store steps, the stored rows for publish (it writes the same rows to the
     * CSV reports).
     */
    static Phases of(JobExecution execution) {
        List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
        steps.sort(Comparator.comparing(StepExecution::getStartTime));
        long users = execution.getExecutionContext().containsKey(USERS) ? execution.getExecutionContext().getInt(USERS) : 0;
        long stored = steps.stream().filter(s -> s.getStepName().startsWith("store-")).mapToLong(StepExecution::getWriteCount).sum();
        List<Window> phases = new ArrayList<>();
        for (StepExecution step : steps) {
            long start = millis(step.getStartTime());
            long end = millis(step.getEndTime());
            switch (step.getStepName()) {
                case "compute" -> {
                    ExecutionContext ctx = step.getExecutionContext();
                    Long read = number(ctx, READ_MILLIS);
                    Long reconcile = number(ctx, RECONCILE_MILLIS);
                    if (read != null && reconcile != null) {
                        phases.add(new Window("read", users, start, start + read));
                        phases.add(new Window("reconcile", users, start + read, start + read + reconcile));
                    } else {
                        phases.add(new Window("compute", users, start, end));
                    }
                }
                case "publish" -> phases.add(new Window("publish", stored, start, end));
                default -> phases.add(new Window(step.getStepName(), step.getWriteCount(), start, end));
            }
        }
        Window job = new Window("job", users, millis(execution.getStartTime()), millis(execution.getEndTime()));
        return new Phases(phases, job);
    }

    private static Long number(ExecutionContext ctx, String key) {
        return ctx.get(key) instanceof Number n ? n.longValue() : null;
    }

    private static long millis(LocalDateTime t) {
        return t.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }
}
