package dev.licensereconciler.batch;

import org.springframework.boot.test.context.SpringBootTest;

/** The misbehaving mail servers on the default H2 database. */
@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/mail-misbehaving",
        MisbehavingMailServerScenarios.BACKOFF, MisbehavingMailServerScenarios.CONNECT_TIMEOUT,
        MisbehavingMailServerScenarios.READ_TIMEOUT})
class MisbehavingMailServerTest extends MisbehavingMailServerScenarios {
}
