package dev.licensereconciler.monitor;

import dev.licensereconciler.batch.LastRuns;
import dev.licensereconciler.schedule.Scheduling;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Health indicators {@code scheduler} and {@code jobs} and the run metrics. Present in every
 * command, but reachable only through serve's web server (run and jobs start none).
 */
@Configuration(proxyBeanMethods = false)
public class MonitorConfiguration {

    @Bean
    WatchedJobs watchedJobs(LastRuns lastRuns) {
        return new WatchedJobs(lastRuns, Clock.systemUTC());
    }

    @Bean
    SchedulerHealthIndicator schedulerHealthIndicator(Scheduling scheduling, WatchedJobs jobs) {
        return new SchedulerHealthIndicator(scheduling, jobs);
    }

    @Bean
    JobsHealthIndicator jobsHealthIndicator(WatchedJobs jobs, Scheduling scheduling) {
        return new JobsHealthIndicator(jobs, scheduling);
    }

    @Bean
    RunMetrics runMetrics(MeterRegistry registry, WatchedJobs jobs) {
        return new RunMetrics(registry, jobs);
    }
}
