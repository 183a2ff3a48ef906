package dev.licensereconciler.batch;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "license-reconciler.data-dir=./target/test-db/managed-record")
class ManagedRecordOnH2Test extends ManagedRecordScenarios {
}
