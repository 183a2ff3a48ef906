package dev.licensereconciler.cli;

import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.job.JobFileLoader;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

@Configuration(proxyBeanMethods = false)
public class CommandsConfiguration {

    @Bean
    Commands commands(RunLauncher launcher, JobRepository jobRepository, JobFileLoader loader,
                      @Value("${license-reconciler.jobs-dir:jobs}") String jobsDir) {
        return new Commands(launcher, jobRepository, loader, Path.of(jobsDir), System.out, System.err);
    }
}
