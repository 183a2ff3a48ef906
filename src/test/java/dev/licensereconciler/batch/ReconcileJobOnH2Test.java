package dev.licensereconciler.batch;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "license-reconciler.data-dir=./target/test-db/reconcile-job")
class ReconcileJobOnH2Test extends ReconcileJobScenarios {
}
