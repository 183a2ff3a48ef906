package dev.licensereconciler.batch;

import dev.licensereconciler.support.MariaDb;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
@ActiveProfiles("mysql")
class SampleTenantOnMySqlTest extends SampleTenantScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDb.register(registry, "sample_tenant");
    }
}
