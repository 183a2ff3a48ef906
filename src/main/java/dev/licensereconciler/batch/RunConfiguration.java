package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.mail.ShortfallMailer;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;

/** Wires the run pipeline: job files, computation, the Spring Batch job and its launcher. */
@Configuration(proxyBeanMethods = false)
public class RunConfiguration {

    @Bean
    JobFileLoader jobFileLoader(@Value("${license-reconciler.base-dir:}") String baseDir) {
        return new JobFileLoader(baseDir.isBlank() ? Path.of("") : Path.of(baseDir));
    }

    @Bean
    RunComputer runComputer() {
        return new TenantRunComputer();
    }

    @Bean
    RunPublisher runPublisher() {
        return new ReportPublisher();
    }

    @Bean
    ShortfallNotifier shortfallNotifier(org.springframework.beans.factory.ObjectProvider<org.springframework.mail.javamail.JavaMailSender> sender,
                                        JdbcTemplate jdbcTemplate,
                                        @Value("${license-reconciler.mail.attempts:3}") int attempts,
                                        @Value("${license-reconciler.mail.backoff:2s}") java.time.Duration backoff) {
        return new MailNotifier(sender.getIfAvailable(), jdbcTemplate, ShortfallMailer.retryPolicy(attempts, backoff));
    }

    @Bean
    ComputedRuns computedRuns(RunComputer computer) {
        return new ComputedRuns(computer);
    }

    @Bean
    RunContext runContext(ComputedRuns computedRuns, JobFileLoader loader) {
        return new RunContext(computedRuns, loader);
    }

    @Bean
    RunJobFactory runJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                JdbcTemplate jdbcTemplate, RunContext runContext, RunPublisher publisher,
                                ShortfallNotifier notifier, @Value("${license-reconciler.chunk-size:5000}") int chunkSize) {
        return new RunJobFactory(jobRepository, transactionManager, jdbcTemplate, runContext, publisher, notifier, chunkSize);
    }

    @Bean
    RunLauncher runLauncher(JobOperator jobOperator, JobRepository jobRepository, RunJobFactory factory) {
        return new RunLauncher(jobOperator, jobRepository, factory);
    }
}
