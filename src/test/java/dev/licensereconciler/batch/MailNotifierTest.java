package dev.licensereconciler.batch;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The mail scenarios on the default H2 database. */
@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/mail-job", "license-reconciler.mail.backoff=10ms"})
@Import(MailNotifierScenarios.CrashingNotifier.class)
class MailNotifierTest extends MailNotifierScenarios {
}
