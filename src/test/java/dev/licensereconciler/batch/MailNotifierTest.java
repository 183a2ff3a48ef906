package dev.licensereconciler.batch;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a run with shortfalls each purchaser gets one mail for the products they bought, sent
 * through a real SMTP server; a resumed run does not send them again.
 */
@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/mail-job", "license-reconciler.mail.backoff=10ms"})
class MailNotifierTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    private static final String MAIL = """
            mail:
              enabled: true
              from: licensing@contoso.example
              fallbackRecipients: [it-purchasing@contoso.example]
            """;

    @Test
    void eachPurchaserGetsOneMailForTheProductsTheyBought() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-example", MAIL));

        JobExecution run = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        MimeMessage security = find(mails, "security@contoso.example");
        MimeMessage buyer = find(mails, "buyer@contoso.example");
        String securityText = GreenMailUtil.getWholeMessage(security);
        assertThat(securityText).contains("EMS").doesNotContain("STANDARDPACK").contains("shortfall.csv");
        assertThat(GreenMailUtil.getWholeMessage(buyer)).contains("STANDARDPACK").doesNotContain("EMS,");
        assertThat(security.getFrom()[0].toString()).isEqualTo("licensing@contoso.example");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ? AND STATUS = 'SENT'",
                Integer.class, job.name(), run.getJobParameters().getString(RunParameters.RUN_ID))).isEqualTo(2);
    }

    @Test
    void aRunResumedAfterItsMailsWentOutSendsNoSecondMail() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-resume", MAIL));
        JobExecution first = launcher.launch(job, RunLauncher.Options.defaults());
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        // A crash after the mails were sent but before the notify step committed.
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", first.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ? "
                + "AND STEP_NAME = 'notify'", first.getId());

        JobExecution resumed = launcher.launch(job, RunLauncher.Options.recover());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobParameters().getString(RunParameters.RUN_ID)).isEqualTo(first.getJobParameters().getString(RunParameters.RUN_ID));
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    private static MimeMessage find(MimeMessage[] mails, String to) {
        List<MimeMessage> found = Arrays.stream(mails).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(found).as("mails to " + to).hasSize(1);
        return found.get(0);
    }
}
