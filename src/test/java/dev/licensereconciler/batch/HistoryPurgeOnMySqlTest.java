package dev.licensereconciler.batch;

import dev.licensereconciler.support.MariaDb;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same purges on MariaDB through mysql-connector-j (DELETE … LIMIT, the MySQL migrations). */
@SpringBootTest(properties = {"logging.level.dev.licensereconciler=WARN", "logging.level.license-reconciler.progress=WARN"})
@ActiveProfiles("mysql")
class HistoryPurgeOnMySqlTest extends HistoryPurgeScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDb.register(registry, "history_purge");
    }

    /** Fewer runs than on H2: what differs on MySQL is the SQL, not the count. */
    @Override
    int manyRuns() {
        return 20;
    }

    @Override
    String schemaFunction() {
        return "DATABASE()";
    }
}
