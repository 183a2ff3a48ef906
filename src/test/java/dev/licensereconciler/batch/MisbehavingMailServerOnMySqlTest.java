package dev.licensereconciler.batch;

import dev.licensereconciler.support.MariaDb;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The misbehaving mail servers on MariaDB through mysql-connector-j: LR_MAIL's records under the MySQL migrations. */
@SpringBootTest(properties = {MisbehavingMailServerScenarios.BACKOFF, MisbehavingMailServerScenarios.CONNECT_TIMEOUT,
        MisbehavingMailServerScenarios.READ_TIMEOUT})
@ActiveProfiles("mysql")
class MisbehavingMailServerOnMySqlTest extends MisbehavingMailServerScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDb.register(registry, "mail_misbehaving");
    }
}
