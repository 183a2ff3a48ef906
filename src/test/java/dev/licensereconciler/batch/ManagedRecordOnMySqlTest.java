package dev.licensereconciler.batch;

import dev.licensereconciler.support.MariaDb;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The record's SQL on MariaDB through mysql-connector-j: the MySQL migration and profile. */
@SpringBootTest
@ActiveProfiles("mysql")
class ManagedRecordOnMySqlTest extends ManagedRecordScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDb.register(registry, "managed_record");
    }
}
