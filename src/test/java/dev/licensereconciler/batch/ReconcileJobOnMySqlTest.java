package dev.licensereconciler.batch;

import dev.licensereconciler.support.MariaDb;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same scenarios on MariaDB through mysql-connector-j: the MySQL migrations and profile. */
@SpringBootTest
@ActiveProfiles("mysql")
class ReconcileJobOnMySqlTest extends ReconcileJobScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDb.register(registry, "reconcile_job");
    }
}
