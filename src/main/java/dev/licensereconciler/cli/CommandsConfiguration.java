package dev.licensereconciler.cli;

import dev.licensereconciler.LicenseReconcilerProperties;
import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.job.JobFileLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CommandsConfiguration {

    @Bean
    Commands commands(RunLauncher launcher, JobFileLoader loader,
                      LicenseReconcilerProperties properties) {
        return new Commands(launcher, loader, properties.jobsDir(), System.out, System.err);
    }
}
