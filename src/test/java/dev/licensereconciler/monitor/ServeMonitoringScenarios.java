package dev.licensereconciler.monitor;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.cli.Commands;
import dev.licensereconciler.job.JobCatalog;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.schedule.Scheduling;
import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve's health and metrics over HTTP, as an operator's curl or Prometheus sees them: the
 * scheduler, the database and each job's last run, and the run's figures per job. On H2
 * ({@link ServeMonitoringTest}) and MariaDB ({@link ServeMonitoringOnMySqlTest}): the job's last
 * run is read from the database, and Quartz's store is the database's.
 */
abstract class ServeMonitoringScenarios {

    @TempDir
    Path dir;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    /** The command-line settings that choose the database (none: the embedded one). */
    abstract String[] database();

    private int execute(Path data, String... args) {
        return CommandLineRuns.execute(data, Stream.concat(Stream.of(args), Stream.of(database())).toArray(String[]::new));
    }

    @Test
    void healthAndPrometheusShowTheSchedulerAndTheJobsLastRun() throws Exception {
        Path data = dir.resolve("data");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Path job = TenantFolders.exampleJob(dir, "nightly", "schedule:\n  cron: \"0 0 2 * * ?\"\n  timeZone: UTC\n");
        Files.move(job, jobs.resolve("nightly.yml"));
        assertThat(execute(data, "run", "nightly", "--jobs", jobs.toString())).isEqualTo(Commands.PROBLEMS);
        String runId = CommandLineRuns.lastRunFolder(dir.resolve("out"), "nightly").getFileName().toString();

        try (ConfigurableApplicationContext ctx = serve(data, jobs)) {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();

            HttpResponse<String> health = get(port, "/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode up = JSON.readTree(health.body());
            assertThat(up.at("/status").asString()).isEqualTo("UP");
            assertThat(up.at("/components/db/status").asString()).isEqualTo("UP");
            assertThat(up.at("/components/scheduler/status").asString()).isEqualTo("UP");
            assertThat(up.at("/components/scheduler/details/state").asString()).isEqualTo("firing");
            assertThat(up.at("/components/scheduler/details/scheduledJobs").asInt()).isEqualTo(1);
            assertThat(up.at("/components/jobs/status").asString()).isEqualTo("UP");
            JsonNode nightly = up.at("/components/jobs/details/nightly");
            assertThat(nightly.at("/lastRun").asString()).isEqualTo(runId);
            assertThat(nightly.at("/status").asString()).isEqualTo("COMPLETED");
            assertThat(nightly.at("/problemsToReview").asBoolean()).isTrue();
            assertThat(nightly.at("/lastCompleted").asString()).isEqualTo(nightly.at("/ended").asString());
            assertThat(nightly.at("/nextFire").asString()).matches("\\d{4}-\\d\\d-\\d\\dT02:00:00Z");

            // The worked example: 10 users, 6 to assign, 1 to unassign, 1 update, 7 refused, 3 input errors, 3 to buy.
            String metrics = get(port, "/actuator/prometheus").body();
            assertThat(metrics)
                    .contains("license_reconciler_last_run_users{job=\"nightly\"} 10.0")
                    .contains("license_reconciler_last_run_assigned{job=\"nightly\"} 6.0")
                    .contains("license_reconciler_last_run_unassigned{job=\"nightly\"} 1.0")
                    .contains("license_reconciler_last_run_updated{job=\"nightly\"} 1.0")
                    .contains("license_reconciler_last_run_refused{job=\"nightly\"} 7.0")
                    .contains("license_reconciler_last_run_input_errors{job=\"nightly\"} 3.0")
                    .contains("license_reconciler_last_run_shortfall{job=\"nightly\"} 3.0")
                    .contains("license_reconciler_last_run_mails_failed{job=\"nightly\"} 0.0")
                    .contains("license_reconciler_last_run_state{job=\"nightly\",state=\"COMPLETED\"} 1.0")
                    .contains("license_reconciler_last_run_state{job=\"nightly\",state=\"FAILED\"} 0.0")
                    .containsPattern("license_reconciler_last_run_duration_seconds\\{job=\"nightly\"} \\d+\\.\\d+")
                    .containsPattern("license_reconciler_last_completed_end_seconds\\{job=\"nightly\"} 1\\.\\d+E9");

            // A run the guard stops (1 unassignment, 0 allowed) fails: the job's health goes DOWN, saying why.
            assertThat(execute(data, "run", "nightly", "--jobs", jobs.toString(), "--max-unassign", "0"))
                    .isEqualTo(Commands.FAILED);
            Thread.sleep(WatchedJobs.FRESH.toMillis() + 500);
            HttpResponse<String> down = get(port, "/actuator/health");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode failed = JSON.readTree(down.body());
            assertThat(failed.at("/components/jobs/status").asString()).isEqualTo("DOWN");
            assertThat(failed.at("/components/jobs/details/problems/0").asString()).startsWith("nightly: last run ")
                    .endsWith(" FAILED (nothing published; see the log, fix the cause, run the job again)");
            assertThat(failed.at("/components/jobs/details/nightly/lastCompleted").asString())
                    .isEqualTo(nightly.at("/ended").asString());
            assertThat(failed.at("/components/scheduler/status").asString()).isEqualTo("UP");
            assertThat(get(port, "/actuator/prometheus").body())
                    .contains("license_reconciler_last_run_state{job=\"nightly\",state=\"FAILED\"} 1.0")
                    .contains("license_reconciler_last_run_state{job=\"nightly\",state=\"COMPLETED\"} 0.0");
            // A process supervisor asks only whether serve is alive, which it is.
            HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
            // Nothing but health and metrics is served.
            assertThat(get(port, "/actuator/env").statusCode()).isEqualTo(404);
        }
    }

    /** What the serve command starts (its web server on a free port) and does: schedule the folder's jobs, watch them. */
    ConfigurableApplicationContext serve(Path data, Path jobs) {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(LicenseReconcilerApplication.class).run(
                Stream.concat(Stream.of("--spring.main.web-application-type=servlet", "--server.port=0",
                        "--license-reconciler.data-dir=" + data, "--logging.level.root=ERROR",
                        "--logging.level.dev.licensereconciler=ERROR", "--logging.level.license-reconciler.progress=ERROR"),
                        Stream.of(database())).toArray(String[]::new));
        JobCatalog catalog = new JobCatalog(jobs, ctx.getBean(JobFileLoader.class));
        ctx.getBean(Scheduling.class).serve(catalog);
        ctx.getBean(WatchedJobs.class).watch(catalog.scan().jobs());
        return ctx;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
