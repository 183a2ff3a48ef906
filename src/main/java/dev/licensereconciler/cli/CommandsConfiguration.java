package dev.licensereconciler.cli;

import dev.licensereconciler.LicenseReconcilerProperties;
import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.job.JobFileLoader;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CommandsConfiguration {

    @Bean
    Commands commands(RunLauncher launcher, JobRepository jobRepository, JobFileLoader loader,
                      LicenseReconcilerProperties properties) {
        return new Commands(launcher, jobRepository, loader, properties.jobsDir(), System.out, System.err);
    }
}
