package dev.licensereconciler.batch;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/history-purge",
    "logging.level.dev.licensereconciler=WARN", "logging.level.license-reconciler.progress=WARN"})
class HistoryPurgeOnH2Test extends HistoryPurgeScenarios {

    @Override
    String schemaFunction() {
        return "SCHEMA()";
    }
}
