package dev.licensereconciler.monitor;

import dev.licensereconciler.batch.LastRuns;
import dev.licensereconciler.job.JobDefinition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The jobs serve reports on (those of its job folder, scheduled or not) and their last runs, read
 * at most once per {@link #FRESH} per job: a scrape and a health check each read many figures of
 * the same run, and one query per figure would cost the database for nothing.
 */
public final class WatchedJobs {

    /** How long a job's last run, once read, is reused. */
    static final Duration FRESH = Duration.ofSeconds(5);

    private record Cached(Optional<LastRuns.LastRun> run, Instant readAt) {
    }

    private final LastRuns lastRuns;
    private final Clock clock;
    private final List<JobDefinition> jobs = new CopyOnWriteArrayList<>();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final List<Runnable> onWatch = new CopyOnWriteArrayList<>();

    public WatchedJobs(LastRuns lastRuns, Clock clock) {
        this.lastRuns = lastRuns;
        this.clock = clock;
    }

    /** serve's jobs, once it has read its folder. */
    public void watch(List<JobDefinition> definitions) {
        for (JobDefinition job : definitions) {
            if (jobs.stream().noneMatch(j -> j.name().equals(job.name()))) {
                jobs.add(job);
            }
        }
        onWatch.forEach(Runnable::run);
    }

    List<JobDefinition> jobs() {
        return List.copyOf(jobs);
    }

    /** Told when jobs are added (the metrics register theirs). */
    void onWatch(Runnable listener) {
        onWatch.add(listener);
    }

    Optional<LastRuns.LastRun> lastRun(String jobName) {
        Instant now = clock.instant();
        Cached c = cache.get(jobName);
        if (c == null || c.readAt().plus(FRESH).isBefore(now)) {
            c = new Cached(lastRuns.of(jobName), now);
            cache.put(jobName, c);
        }
        return c.run();
    }

    Clock clock() {
        return clock;
    }
}
