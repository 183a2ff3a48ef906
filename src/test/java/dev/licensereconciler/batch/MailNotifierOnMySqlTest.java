package dev.licensereconciler.batch;

import dev.licensereconciler.support.MariaDb;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mail scenarios on MariaDB through mysql-connector-j: the MySQL migrations and profile. */
@SpringBootTest(properties = "license-reconciler.mail.backoff=10ms")
@ActiveProfiles("mysql")
@Import(MailNotifierScenarios.CrashingNotifier.class)
class MailNotifierOnMySqlTest extends MailNotifierScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDb.register(registry, "mail_job");
    }
}
