package dev.licensereconciler.schedule;

import dev.licensereconciler.support.TenantFolders;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.job.JobFileLoader;
import org.quartz.Scheduler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Scheduler instances (whole application contexts) and job files of the worked example for the schedule tests. */
final class ScheduleFixtures {

    private ScheduleFixtures() {
    }

    /** One scheduler instance: a full application context, its scheduler in standby until started. */
    record Instance(ConfigurableApplicationContext ctx) implements AutoCloseable {
        Scheduling scheduling() {
            return ctx.getBean(Scheduling.class);
        }

        Scheduler scheduler() {
            return ctx.getBean(Scheduler.class);
        }

        JdbcTemplate jdbc() {
            return ctx.getBean(JdbcTemplate.class);
        }

        /** What serve does: schedules the jobs of the folder and starts the scheduler. */
        void serve(Path jobsDir) throws Exception {
            scheduling().schedule(ctx.getBean(JobFileLoader.class).loadAll(jobsDir));
            scheduler().start();
        }

        @Override
        public void close() {
            ctx.close();
        }
    }

    static Instance start(String... properties) {
        // As command-line arguments, so they win over application.yml (as they would on the real command line).
        return new Instance(new SpringApplicationBuilder(LicenseReconcilerApplication.class)
                .run(java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new)));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the worked example's input to {@code dir/input} and writes {@code jobsDir/<name>.yml} with a schedule. */
    static Path exampleJob(Path dir, Path jobsDir, String jobName, String cron, String timeZone) {
        Path input = dir.resolve("input-" + jobName);
        if (!Files.exists(input)) {
            copyTree(example().resolve("input"), input);
        }
        Path job = jobsDir.resolve(jobName + ".yml");
        write(job, """
                name: %s
                type: reconcile
                schedule:
                  cron: "%s"
                  timeZone: %s
                input: %s
                catalog: builtin
                servicePlanRules: %s
                output: %s
                batchSize: 20
                policies:
                  maxUnassign: 500
                """.formatted(jobName, cron, timeZone, input, input.resolve("service-plan-rules.csv"), dir.resolve("out")));
        return job;
    }

    static Path example() {
        return TenantFolders.example("basic");
    }

    static void copyTree(Path from, Path to) {
        TenantFolders.copyTree(from, to);
    }

    static void write(Path file, String text) {
        TenantFolders.write(file, text);
    }

    /** Run ids (with status) of a job's Spring Batch executions, oldest first. */
    static List<java.util.Map<String, Object>> executions(JdbcTemplate jdbc, String jobName) {
        return jdbc.queryForList("""
                SELECT I.JOB_INSTANCE_ID, E.JOB_EXECUTION_ID, E.STATUS, E.START_TIME, E.END_TIME,
                       (SELECT P.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS P
                         WHERE P.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID AND P.PARAMETER_NAME = 'runId') AS RUN_ID
                FROM BATCH_JOB_EXECUTION E JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID
                WHERE I.JOB_NAME = ? ORDER BY E.START_TIME, E.JOB_EXECUTION_ID""", jobName);
    }
}
