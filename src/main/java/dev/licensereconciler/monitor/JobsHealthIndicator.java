package dev.licensereconciler.monitor;

import dev.licensereconciler.batch.LastRuns;
import dev.licensereconciler.batch.RunStatistics;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.schedule.Scheduling;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jobs} in /actuator/health: each job's last run and next firing. DOWN when a job's last run
 * failed (nothing was published: someone has to look) or a scheduled firing is overdue by more
 * than {@link #OVERDUE} (the scheduler cannot fire it, or the job's previous run is still under
 * way past it). A run that completed with problems to review, or was stopped to be resumed, is UP.
 */
final class JobsHealthIndicator implements HealthIndicator {

    /** Past Quartz's misfire threshold (60 s) with room for a busy machine. */
    static final Duration OVERDUE = Duration.ofMinutes(5);

    private final WatchedJobs jobs;
    private final Scheduling scheduling;

    JobsHealthIndicator(WatchedJobs jobs, Scheduling scheduling) {
        this.jobs = jobs;
        this.scheduling = scheduling;
    }

    @Override
    public Health health() {
        Instant now = jobs.clock().instant();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JobDefinition job : jobs.jobs()) {
            Map<String, Object> d = new LinkedHashMap<>();
            Optional<LastRuns.LastRun> last = jobs.lastRun(job.name());
            if (last.isEmpty()) {
                d.put("lastRun", "never run");
            } else {
                LastRuns.LastRun run = last.get();
                d.put("lastRun", run.runId());
                d.put("status", run.status());
                d.put("started", String.valueOf(run.started()));
                if (run.ended() != null) {
                    d.put("ended", run.ended().toString());
                }
                RunStatistics s = run.statistics();
                if (s != null) {
                    d.put("problemsToReview", s.hasProblems());
                }
                d.put("lastCompleted", run.lastCompletedEnd() == null ? "none recently" : run.lastCompletedEnd().toString());
                if (run.failed()) {
                    problems.add(job.name() + ": last run " + run.runId() + " " + run.status()
                            + " (nothing published; see the log, fix the cause, run the job again)");
                }
            }
            if (job.schedule() != null) {
                Optional<Instant> next = scheduling.nextFire(job.name());
                d.put("nextFire", next.map(Instant::toString).orElse("not scheduled"));
                if (next.isPresent() && next.get().plus(OVERDUE).isBefore(now)) {
                    problems.add(job.name() + ": the firing due at " + next.get() + " has not started"
                            + (last.isPresent() && last.get().running() ? " (its previous run is still under way)" : ""));
                }
            } else {
                d.put("nextFire", "on demand");
            }
            details.put(job.name(), d);
        }
        Health.Builder health = problems.isEmpty() ? Health.up() : Health.down().withDetail("problems", problems);
        return health.withDetails(details).build();
    }
}
