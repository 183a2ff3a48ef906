package dev.licensereconciler.monitor;

import dev.licensereconciler.batch.LastRuns;
import dev.licensereconciler.batch.RunStatistics;
import dev.licensereconciler.job.JobDefinition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-job gauges of the last run, tagged {@code job}, as Prometheus reads them
 * ({@code license_reconciler_last_run_users{job="nightly"}} …): its state (one series per state,
 * 1 for the current one), start, duration, the end of the last completed run, and its figures.
 * NaN while a job has never run (Prometheus shows no sample then).
 */
final class RunMetrics {

    /** The states a last run can be in, one series each: a fixed set, so no series per run id. */
    static final List<String> STATES = List.of("COMPLETED", "FAILED", "STOPPED", "RUNNING", "ABANDONED", "UNKNOWN");

    private record Figure(String name, String description, ToDoubleFunction<RunStatistics> value) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("users", "users in users.csv", RunStatistics::users),
            new Figure("assigned", "licenses to assign", RunStatistics::assigned),
            new Figure("unassigned", "licenses to unassign", RunStatistics::unassigned),
            new Figure("updated", "service updates", RunStatistics::updated),
            new Figure("refused", "refused changes", RunStatistics::refused),
            new Figure("input.errors", "bad input rows", RunStatistics::inputErrors),
            new Figure("shortfall", "licenses to buy", RunStatistics::shortfall),
            new Figure("mails.failed", "purchaser mails (shortfall or surplus) that could not be sent", RunStatistics::mailsFailed));

    private final MeterRegistry registry;
    private final WatchedJobs jobs;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    RunMetrics(MeterRegistry registry, WatchedJobs jobs) {
        this.registry = registry;
        this.jobs = jobs;
        jobs.onWatch(this::registerNewJobs);
        registerNewJobs();
    }

    private void registerNewJobs() {
        for (JobDefinition job : jobs.jobs()) {
            if (registered.add(job.name())) {
                register(job.name());
            }
        }
    }

    private void register(String job) {
        Tags tags = Tags.of("job", job);
        for (String state : STATES) {
            Gauge.builder("license.reconciler.last.run.state", jobs, w -> w.lastRun(job)
                            .map(r -> state.equals(state(r)) ? 1.0 : 0.0).orElse(Double.NaN))
                    .tags(tags.and("state", state)).description("1 for the state the job's last run is in").register(registry);
        }
        gauge(job, "license.reconciler.last.run.start", "seconds", "when the job's last run started (Unix time)",
                r -> r.started() == null ? Double.NaN : r.started().getEpochSecond());
        gauge(job, "license.reconciler.last.run.duration", "seconds", "how long the job's last run took (so far, while it runs)",
                r -> r.started() == null ? Double.NaN
                        : Duration.between(r.started(), r.ended() != null ? r.ended() : jobs.clock().instant()).toMillis() / 1000.0);
        gauge(job, "license.reconciler.last.completed.end", "seconds", "when the job's last completed run ended (Unix time)",
                r -> r.lastCompletedEnd() == null ? Double.NaN : r.lastCompletedEnd().getEpochSecond());
        for (Figure f : FIGURES) {
            gauge(job, "license.reconciler.last.run." + f.name(), null, f.description() + " in the job's last run",
                    r -> r.statistics() == null ? Double.NaN : f.value().applyAsDouble(r.statistics()));
        }
    }

    private void gauge(String job, String name, String unit, String description, ToDoubleFunction<LastRuns.LastRun> value) {
        Gauge.builder(name, jobs, w -> w.lastRun(job).map(value::applyAsDouble).orElse(Double.NaN))
                .tags("job", job).baseUnit(unit).description(description).register(registry);
    }

    private static String state(LastRuns.LastRun run) {
        return run.running() ? "RUNNING" : run.status();
    }

}
