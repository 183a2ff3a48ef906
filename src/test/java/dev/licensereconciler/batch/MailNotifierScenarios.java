package dev.licensereconciler.batch;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.licensereconciler.LicenseReconcilerProperties;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.mail.MailOutcome;
import dev.licensereconciler.mail.ShortfallMail;
import dev.licensereconciler.mail.ShortfallMailer;
import dev.licensereconciler.support.TenantFolders;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a run with shortfalls each purchaser gets one mail for the products they bought, sent
 * through a real SMTP server; a resumed run does not send them again, whatever stopped it.
 * Run on H2 ({@link MailNotifierTest}) and MariaDB ({@link MailNotifierOnMySqlTest}).
 */
abstract class MailNotifierScenarios {

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
    @Autowired
    CrashPoint crash;
    @Autowired
    JavaMailSender sender;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        crash.disarm();
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

    @Test
    void theMailServerHasConnectReadAndWriteTimeoutsByDefault() {
        // Without them a server that accepts the connection and never answers hangs the run for good.
        Properties mail = ((JavaMailSenderImpl) sender).getJavaMailProperties();
        assertThat(mail.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(mail.getProperty("mail.smtp.timeout")).isEqualTo("30000");
        assertThat(mail.getProperty("mail.smtp.writetimeout")).isEqualTo("30000");
    }

    @Test
    void aFallbackRecipientWhoAlsoBoughtAShortProductGetsBothMails() throws Exception {
        Path jobFile = TenantFolders.exampleJob(dir, "mail-collision", """
                mail:
                  enabled: true
                  from: licensing@contoso.example
                  fallbackRecipients: [security@contoso.example]
                """);
        withoutPurchaser(dir, "STANDARDPACK");
        JobDefinition job = loader.load(jobFile);

        JobExecution run = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> toSecurity = Arrays.stream(smtp.getReceivedMessages()).map(GreenMailUtil::getWholeMessage).toList();
        assertThat(toSecurity).hasSize(2);
        assertThat(toSecurity).filteredOn(m -> m.contains("EMS")).hasSize(1);
        assertThat(toSecurity).filteredOn(m -> m.contains("STANDARDPACK")).hasSize(1);
        assertThat(statuses(job, run)).containsExactly("SENT", "SENT");
    }

    @Test
    void aFallbackListOf5000CharactersIsMailedOnceAndRecorded() throws Exception {
        List<String> fallback = IntStream.range(0, 110)
                .mapToObj(i -> "it-purchasing-team-member-%03d@contoso.example".formatted(i)).toList();
        Path jobFile = TenantFolders.exampleJob(dir, "mail-long-list", """
                mail:
                  enabled: true
                  from: licensing@contoso.example
                  fallbackRecipients: [%s]
                """.formatted(String.join(", ", fallback)));
        withoutPurchaser(dir, "STANDARDPACK");
        JobDefinition job = loader.load(jobFile);
        assertThat(String.join(";", fallback).length()).isGreaterThan(5000);

        JobExecution run = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunStatistics.from(run.getExecutionContext()).mailsFailed()).isZero();
        // GreenMail keeps one copy per mailbox: the purchaser's mail plus the fallback mail to each.
        assertThat(smtp.getReceivedMessages()).hasSize(1 + fallback.size());
        for (String address : List.of(fallback.get(0), fallback.get(109), "security@contoso.example")) {
            assertThat(inboxSize(address)).as(address).isEqualTo(1);
        }
        String runId = run.getJobParameters().getString(RunParameters.RUN_ID);
        assertThat(jdbc.queryForList("SELECT RECIPIENTS FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ? AND STATUS = 'SENT'",
                String.class, job.name(), runId)).containsExactlyInAnyOrder("security@contoso.example",
                String.join(";", fallback));
    }

    @Test
    void aRunKilledAfterRecordingAMailAndBeforeSendingItDoesNotSendItWhenRunAgain() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-crash-before", MAIL));
        crash.arm(CrashPoint.Phase.BEFORE_SEND, 2);

        JobExecution killed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(killed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(statuses(job, killed)).containsExactlyInAnyOrder("SENT", "SENDING");

        JobExecution again = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.getJobParameters().getString(RunParameters.RUN_ID))
                .isEqualTo(killed.getJobParameters().getString(RunParameters.RUN_ID));
        // The second mail may have left before the kill: possibly sent, never a second copy.
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(statuses(job, again)).containsExactlyInAnyOrder("SENT", "SENDING");
        assertThat(RunStatistics.from(again.getExecutionContext()).mailsFailed()).isZero();
    }

    @Test
    void aRunKilledAfterSendingAMailAndBeforeRecordingItSentDoesNotSendItAgain() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-crash-after", MAIL));
        crash.arm(CrashPoint.Phase.AFTER_SEND, 2);

        JobExecution killed = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(killed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(smtp.getReceivedMessages()).hasSize(2);

        JobExecution again = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        find(smtp.getReceivedMessages(), "security@contoso.example");
        find(smtp.getReceivedMessages(), "buyer@contoso.example");
        assertThat(statuses(job, again)).containsExactlyInAnyOrder("SENT", "SENDING");
    }

    // ---- surplus due for notice (issue 13) ------------------------------------------------------------

    private static final String SURPLUS_MAIL = """
            mail:
              enabled: true
              from: licensing@contoso.example
              fallbackRecipients: [it-purchasing@contoso.example]
              surplusNoticeDays: 30
            """;

    @Test
    void aPurchaserWithOnlySurplusGetsOneSurplusMailInsideTheWindowAndNoneOutsideItOrForAMonthlyTerm() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-surplus-only", SURPLUS_MAIL));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // Nobody holds or requests Visio or Project: every seat of them is surplus.
        withSubscriptions(dir,
                "VISIOCLIENT,3,Enabled,Admin,visio-buyer@contoso.example,14.10,EUR,visio-annual," + today.plusDays(10)
                        + ",P1Y,true,false",
                "PROJECTPROFESSIONAL,2,Enabled,Admin,later@contoso.example,28.10,EUR,project-annual," + today.plusDays(45)
                        + ",P1Y,true,false",
                "PROJECTPREMIUM,2,Enabled,Admin,monthly@contoso.example,51.60,EUR,project-monthly," + today.plusDays(5)
                        + ",P1M,true,false");

        JobExecution run = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(3);
        find(mails, "security@contoso.example");
        find(mails, "buyer@contoso.example");
        MimeMessage surplus = find(mails, "visio-buyer@contoso.example");
        assertThat(surplus.getSubject()).isEqualTo("Seats to cut at renewal: cut 3 seats before " + today.plusDays(10)
                + " (VISIOCLIENT) - mail-surplus-only");
        assertThat(text(surplus)).contains("You receive this because you purchased these subscriptions.",
                "(VISIOCLIENT), subscription visio-annual",
                "3 of 3 seats are not held: lower the quantity by 3 before the renewal on " + today.plusDays(10) + ".",
                "Saved a year:       EUR 507.60").doesNotContain("Licenses to buy");
        assertThat(attachment(surplus, "surplus.csv")).contains("\nVISIOCLIENT,").contains(",visio-annual,")
                .hasLineCount(2);
        assertThat(mails).as("renews after the window, or monthly: no mail").noneMatch(m -> to(m, "later@contoso.example")
                || to(m, "monthly@contoso.example"));
        assertThat(jdbc.queryForList("SELECT PRODUCTS FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ? AND STATUS = 'SENT' "
                + "AND RECIPIENTS = 'visio-buyer@contoso.example'", String.class, job.name(), runId(run)))
                .containsExactly("VISIOCLIENT");

        // A crash after the mails went out, before the notify step committed: resumed, nothing is sent twice.
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", run.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ? "
                + "AND STEP_NAME = 'notify'", run.getId());
        JobExecution resumed = launcher.launch(job, RunLauncher.Options.recover());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runId(resumed)).isEqualTo(runId(run));
        assertThat(smtp.getReceivedMessages()).hasSize(3);
        assertThat(statuses(job, run)).containsExactly("SENT", "SENT", "SENT");
    }

    @Test
    void subscriptionsWithoutAValidPurchaserGoToTheFallbackRecipientsInOneSurplusMail() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-surplus-fallback", SURPLUS_MAIL));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        withSubscriptions(dir,
                "VISIOCLIENT,3,Enabled,Admin,not an address,14.10,EUR,visio-annual," + today.plusDays(10) + ",P1Y,true,false",
                "PROJECTPROFESSIONAL,2,Enabled,Admin,,28.10,EUR,project-annual," + today.plusDays(20) + ",P1Y,true,false");

        JobExecution run = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(3);
        MimeMessage fallback = find(mails, "it-purchasing@contoso.example");
        assertThat(fallback.getSubject()).isEqualTo("Seats to cut at renewal: cut 5 seats before " + today.plusDays(10)
                + " (PROJECTPROFESSIONAL, VISIOCLIENT) - mail-surplus-fallback");
        assertThat(text(fallback)).contains(
                "You receive this because no valid purchaser address is known for these subscriptions.",
                "Purchaser address not valid, please correct it in purchases.csv: not an address",
                "(PROJECTPROFESSIONAL), subscription project-annual", "No purchaser is on record for this subscription.");
        assertThat(statuses(job, run)).containsExactly("SENT", "SENT", "SENT");
    }

    @Test
    void aPurchaserWithAShortfallAndSurplusGetsOneMailWithBoth() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "mail-surplus-both", SURPLUS_MAIL));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // buyer@ is short of Office 365 E1 and bought Visio seats nobody holds.
        withSubscriptions(dir,
                "VISIOCLIENT,3,Enabled,Admin,buyer@contoso.example,14.10,EUR,visio-annual," + today.plusDays(10) + ",P1Y,true,false");

        JobExecution run = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        MimeMessage buyer = find(mails, "buyer@contoso.example");
        assertThat(buyer.getSubject()).startsWith("License shortfall: 1 license to buy (STANDARDPACK)");
        assertThat(text(buyer)).contains("Licenses to buy:    1", "Subscriptions of yours that renew or end soon:",
                "(VISIOCLIENT), subscription visio-annual",
                "3 of 3 seats are not held: lower the quantity by 3 before the renewal on " + today.plusDays(10) + ".");
        assertThat(attachment(buyer, "shortfall.csv")).contains("\nSTANDARDPACK,");
        assertThat(text(find(mails, "security@contoso.example"))).doesNotContain("VISIOCLIENT");
    }

    /** purchases.csv with the renewal columns, and these subscription rows added to the example's. */
    private static void withSubscriptions(Path dir, String... rows) {
        Path purchases = dir.resolve("input").resolve("purchases.csv");
        String csv = TenantFolders.read(purchases)
                .replaceFirst("currency\n", "currency,subscriptionId,renewalDate,term,autoRenew,isTrial\n")
                .replaceAll("(?m)^(?!sku,)(.+)$", "$1,,,,,");
        TenantFolders.write(purchases, csv + String.join("\n", rows) + "\n");
    }

    private static String runId(JobExecution run) {
        return run.getJobParameters().getString(RunParameters.RUN_ID);
    }

    /** The text/plain body, decoded (the raw message may wrap long lines). */
    private static String text(MimeMessage mail) throws Exception {
        return part(mail, p -> p.isMimeType("text/plain"));
    }

    private static String attachment(MimeMessage mail, String fileName) throws Exception {
        return part(mail, p -> fileName.equals(p.getFileName()));
    }

    private interface PartTest {
        boolean matches(Part part) throws MessagingException;
    }

    private static String part(Part part, PartTest test) throws Exception {
        if (test.matches(part)) {
            try (var in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), test);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int inboxSize(String address) throws Exception {
        return smtp.getManagers().getImapHostManager().getInbox(smtp.getUserManager().getUserByEmail(address))
                .getMessageCount();
    }

    private List<String> statuses(JobDefinition job, JobExecution run) {
        return jdbc.queryForList("SELECT STATUS FROM LR_MAIL WHERE JOB_NAME = ? AND RUN_ID = ? ORDER BY STATUS DESC",
                String.class, job.name(), run.getJobParameters().getString(RunParameters.RUN_ID));
    }

    /** purchases.csv with nobody on record for {@code sku}: its shortfall goes to the fallback recipients. */
    private static void withoutPurchaser(Path dir, String sku) {
        Path purchases = dir.resolve("input").resolve("purchases.csv");
        String csv = TenantFolders.read(purchases).replaceAll("(?m)^(" + sku + ",[^,]*,[^,]*,[^,]*,)[^,]*,", "$1,");
        assertThat(csv).contains(sku + ",2,Enabled,Admin,,");
        TenantFolders.write(purchases, csv);
    }

    /**
     * Stands in for a kill -9 in the notify step: an Error from the send listener, which nothing
     * in the notifier catches, so the step fails and its transaction rolls back as a crash would.
     */
    static final class CrashPoint {
        enum Phase { BEFORE_SEND, AFTER_SEND }

        private volatile Phase phase;
        private volatile int atMail;
        private final AtomicInteger seen = new AtomicInteger();

        void arm(Phase phase, int atMail) {
            this.seen.set(0);
            this.atMail = atMail;
            this.phase = phase;
        }

        void disarm() {
            phase = null;
        }

        void reached(Phase here) {
            if (here == phase && seen.incrementAndGet() == atMail) {
                phase = null;
                throw new SimulatedCrash();
            }
        }
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated kill -9 in the notify step");
        }
    }

    /** The application's notifier, with the crash point listening around each send. */
    @TestConfiguration
    static class CrashingNotifier {
        @Bean
        CrashPoint crashPoint() {
            return new CrashPoint();
        }

        @Bean
        @Primary
        MailNotifier crashingMailNotifier(JavaMailSender sender, JdbcTemplate jdbc, PlatformTransactionManager tx,
                                          LicenseReconcilerProperties properties, CrashPoint crash) {
            return new MailNotifier(sender, jdbc, tx,
                    ShortfallMailer.retryPolicy(properties.mail().attempts(), properties.mail().backoff()),
                    new MailNotifier.SendListener() {
                        @Override
                        public void beforeSend(ShortfallMail mail) {
                            crash.reached(CrashPoint.Phase.BEFORE_SEND);
                        }

                        @Override
                        public void afterSend(ShortfallMail mail, MailOutcome outcome) {
                            crash.reached(CrashPoint.Phase.AFTER_SEND);
                        }
                    });
        }
    }

    private static boolean to(MimeMessage mail, String address) {
        try {
            return Arrays.stream(mail.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage find(MimeMessage[] mails, String to) {
        List<MimeMessage> found = Arrays.stream(mails).filter(m -> to(m, to)).toList();
        assertThat(found).as("mails to " + to).hasSize(1);
        return found.get(0);
    }
}
