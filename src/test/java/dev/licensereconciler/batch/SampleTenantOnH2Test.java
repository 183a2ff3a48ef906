package dev.licensereconciler.batch;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "license-reconciler.data-dir=./target/test-db/sample-tenant")
class SampleTenantOnH2Test extends SampleTenantScenarios {
}
