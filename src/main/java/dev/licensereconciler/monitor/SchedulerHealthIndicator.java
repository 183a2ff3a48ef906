package dev.licensereconciler.monitor;

import dev.licensereconciler.schedule.Scheduling;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@code scheduler} in /actuator/health: UP while Quartz fires triggers, DOWN in standby or shut down. */
final class SchedulerHealthIndicator implements HealthIndicator {

    private final Scheduling scheduling;
    private final WatchedJobs jobs;

    SchedulerHealthIndicator(Scheduling scheduling, WatchedJobs jobs) {
        this.scheduling = scheduling;
        this.jobs = jobs;
    }

    @Override
    public Health health() {
        Health.Builder health = scheduling.firing() ? Health.up().withDetail("state", "firing")
                : Health.down().withDetail("state", "not firing (standby or shut down): restart serve");
        long scheduled = jobs.jobs().stream().filter(j -> j.schedule() != null).count();
        return health.withDetail("instanceId", scheduling.instanceId()).withDetail("scheduledJobs", scheduled).build();
    }
}
