package dev.licensereconciler.schedule;

import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {

    @Bean
    Scheduling scheduling(Scheduler scheduler) {
        return new Scheduling(scheduler);
    }
}
