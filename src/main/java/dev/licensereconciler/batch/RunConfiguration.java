package dev.licensereconciler.batch;

import dev.licensereconciler.LicenseReconcilerProperties;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.mail.ShortfallMailer;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/** Wires the run pipeline: job files, computation, the Spring Batch job and its launcher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LicenseReconcilerProperties.class)
public class RunConfiguration {

    @Bean
    JobFileLoader jobFileLoader(LicenseReconcilerProperties properties) {
        return new JobFileLoader(properties.baseFolder());
    }

    @Bean
    ManagedLicenseRecord managedLicenseRecord(JdbcTemplate jdbcTemplate) {
        return new ManagedLicenseRecord(jdbcTemplate);
    }

    @Bean
    TenantRunComputer tenantRunComputer(ManagedLicenseRecord record) {
        return new TenantRunComputer(record);
    }

    @Bean
    ReportPublisher reportPublisher(JdbcTemplate jdbcTemplate) {
        return new ReportPublisher(new RunHistoryReader(jdbcTemplate));
    }

    /** No SMTP server configured (no spring.mail.host): no sender, and the notifier says so. */
    @Bean
    MailNotifier mailNotifier(ObjectProvider<JavaMailSender> sender, JdbcTemplate jdbcTemplate,
                              PlatformTransactionManager transactionManager, LicenseReconcilerProperties properties) {
        LicenseReconcilerProperties.Mail mail = properties.mail();
        return new MailNotifier(sender.getIfAvailable(), jdbcTemplate, transactionManager,
                ShortfallMailer.retryPolicy(mail.attempts(), mail.backoff()));
    }

    @Bean
    HistoryPurge historyPurge(JobRepository jobRepository, JdbcTemplate jdbcTemplate,
                              PlatformTransactionManager transactionManager) {
        return new HistoryPurge(jobRepository, jdbcTemplate, transactionManager, HistoryPurge.DEFAULT_BATCH_ROWS);
    }

    @Bean
    RunJobFactory runJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                JdbcTemplate jdbcTemplate, TenantRunComputer computer, ReportPublisher publisher,
                                MailNotifier notifier, HistoryPurge historyPurge, LicenseReconcilerProperties properties) {
        return new RunJobFactory(jobRepository, transactionManager, jdbcTemplate, computer, publisher, notifier,
                historyPurge, properties.chunkSize());
    }

    @Bean
    LastRuns lastRuns(JobRepository jobRepository) {
        return new LastRuns(jobRepository);
    }

    @Bean
    RunLeases runLeases(JdbcTemplate jdbcTemplate, LicenseReconcilerProperties properties) {
        LicenseReconcilerProperties.RunLease lease = properties.runLease();
        return new RunLeases(jdbcTemplate, lease.duration(), lease.heartbeat(), Clock.systemUTC());
    }

    @Bean
    RunLauncher runLauncher(JobOperator jobOperator, JobRepository jobRepository, RunJobFactory factory, RunLeases leases) {
        return new RunLauncher(jobOperator, jobRepository, factory, leases);
    }

    @Bean
    GracefulStop gracefulStop(RunLauncher launcher, LicenseReconcilerProperties properties) {
        return new GracefulStop(launcher, properties.runLease().stopTimeout());
    }
}
