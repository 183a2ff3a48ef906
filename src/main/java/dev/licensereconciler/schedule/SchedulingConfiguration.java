package dev.licensereconciler.schedule;

import org.quartz.Scheduler;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Properties;

@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {

    @Bean
    Scheduling scheduling(Scheduler scheduler) {
        return new Scheduling(scheduler);
    }

    /**
     * Clean shutdown on SIGTERM: Quartz asks the runs under way to stop (at their next chunk
     * boundary, see {@link ScheduledRun#interrupt()}) and waits for them, so no run is left marked
     * as running by a scheduler that stopped normally.
     */
    @Bean
    SchedulerFactoryBeanCustomizer cleanShutdown(QuartzProperties quartz) {
        return factory -> {
            Properties props = new Properties();
            props.putAll(quartz.getProperties());
            props.putIfAbsent("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "true");
            factory.setQuartzProperties(props);
            factory.setWaitForJobsToCompleteOnShutdown(true);
        };
    }
}
