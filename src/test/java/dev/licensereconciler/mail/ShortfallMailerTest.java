package dev.licensereconciler.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.Retryable;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.backoff.BackOffExecution;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.licensereconciler.mail.MailFixtures.shortfall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShortfallMailerTest {

    // A dynamic port: other suites on this machine may hold GreenMail's default 3025.
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String FROM = "licensing@contoso.example";
    private static final RetryPolicy FAST = ShortfallMailer.retryPolicy(3, Duration.ofMillis(10));

    private final ShortfallMailPlanner planner = new ShortfallMailPlanner();

    @Test
    void sendsOneMailPerPurchaserWithTextHtmlAndTheAttachment() throws Exception {
        List<ShortfallMail> mails = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails();

        List<MailOutcome> outcomes = mailer(greenMail.getSmtp().getPort()).sendAll(FROM, mails);

        assertThat(outcomes).extracting(MailOutcome::status).containsOnly(MailOutcome.Status.SENT);
        assertThat(outcomes).extracting(MailOutcome::attempts).containsOnly(1);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage security = Arrays.stream(received)
                .filter(m -> recipients(m).equals(List.of("security@contoso.example"))).findFirst().orElseThrow();
        assertThat(security.getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(security.getSubject()).isEqualTo("License shortfall: 2 licenses to buy (EMS) - nightly");
        assertThat(security.getContentType()).startsWith("multipart/mixed");

        List<Part> parts = leaves(security);
        assertThat(parts).extracting(p -> p.getContentType().split(";")[0].trim().toLowerCase())
                .containsExactly("text/plain", "text/html", "text/csv");
        assertThat(text(parts.get(0))).contains("Enterprise Mobility + Security E3 (EMS)", "EUR 21.20");
        assertThat(text(parts.get(1))).contains("<td>Enterprise Mobility + Security E3</td>");
        assertThat(parts.get(2).getFileName()).isEqualTo("shortfall.csv");
        assertThat(Part.ATTACHMENT).isEqualToIgnoringCase(parts.get(2).getDisposition());
        assertThat(text(parts.get(2))).isEqualTo(mails.get(1).attachmentCsv());
        assertThat(alternativeParent(security)).isTrue();
    }

    @Test
    void fallbackRecipientsReceiveProductsWithoutPurchaser() throws Exception {
        List<ShortfallMail> mails = planner.plan("nightly", "r1", List.of(shortfall("EMS", "EMS E3", 2, "10.60")),
                List.of("it@contoso.example", "finance@fabrikam.example")).mails();

        mailer(greenMail.getSmtp().getPort()).sendAll(FROM, mails);

        MimeMessage[] received = greenMail.getReceivedMessages();
        // One message with both addressees: GreenMail stores one copy per mailbox.
        assertThat(received).hasSize(2);
        assertThat(recipients(received[0])).containsExactly("it@contoso.example", "finance@fabrikam.example");
        assertThat(deliveredTo("it@contoso.example")).isEqualTo(1);
        assertThat(deliveredTo("finance@fabrikam.example")).isEqualTo(1);
        assertThat(received[0].getSubject()).contains("(EMS)");
    }

    @Test
    void aMaliciousProductNameIsEscapedAndCannotInjectHeaders() throws Exception {
        List<ShortfallMail> mails = planner.plan("nightly\r\nBcc: spy@evil.example", "r1",
                List.of(shortfall("EVIL\r\nX-Injected: yes", "<script>alert('x')</script>", 1, "1.00",
                        "buyer@contoso.example")), List.of()).mails();

        MailOutcome outcome = mailer(greenMail.getSmtp().getPort()).send(FROM, mails.get(0));

        assertThat(outcome.sent()).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("X-Injected")).isNull();
        assertThat(received[0].getHeader("Bcc")).isNull();
        assertThat(deliveredTo("spy@evil.example")).isZero();
        assertThat(received[0].getSubject()).doesNotContain("\r", "\n");
        String html = text(leaves(received[0]).get(1));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void aServerThatFailsThenRecoversGetsTheMailOnALaterAttempt() throws Exception {
        int port = freePort();
        GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        AtomicInteger waits = new AtomicInteger();
        ShortfallMailer mailer = new ShortfallMailer(sender(port), FAST, new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                // The first attempt found no server; it comes up before the second.
                if (waits.incrementAndGet() == 1) {
                    late.start();
                }
            }
        });
        try {
            ShortfallMail mail = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails().get(0);

            MailOutcome outcome = mailer.send(FROM, mail);

            assertThat(outcome.status()).isEqualTo(MailOutcome.Status.SENT);
            assertThat(outcome.attempts()).isEqualTo(2);
            assertThat(outcome.mailKey()).isEqualTo(mail.mailKey());
            assertThat(late.getReceivedMessages()).hasSize(1);
        } finally {
            late.stop();
        }
    }

    @Test
    void aServerThatStaysDownGivesAFailedOutcomeWithTheReasonAndTheOtherMailsStillGo() throws Exception {
        List<ShortfallMail> mails = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails();
        RetryPolicy policy = ShortfallMailer.retryPolicy(3, Duration.ofMillis(5));
        List<Duration> waited = new ArrayList<>();
        ShortfallMailer down = new ShortfallMailer(sender(freePort()), policy, new RetryListener() {
            private long failedAt;

            @Override
            public void onRetryableExecution(RetryPolicy p, Retryable<?> retryable, RetryState state) {
                failedAt = System.nanoTime();
            }

            @Override
            public void beforeRetry(RetryPolicy p, Retryable<?> retryable, RetryState state) {
                waited.add(Duration.ofNanos(System.nanoTime() - failedAt));
            }
        });

        List<MailOutcome> outcomes = down.sendAll(FROM, mails);

        assertThat(outcomes).hasSize(2).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(MailOutcome.Status.FAILED);
            assertThat(o.attempts()).isEqualTo(3);
            assertThat(o.reason()).isNotBlank().doesNotContain("\n");
        });
        // The back-off doubles from 5 ms, and each mail really waits that long before its retries.
        BackOffExecution backOff = policy.getBackOff().start();
        assertThat(List.of(backOff.nextBackOff(), backOff.nextBackOff(), backOff.nextBackOff()))
                .containsExactly(5L, 10L, BackOffExecution.STOP);
        assertThat(waited).hasSize(4);
        assertThat(waited.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(5));
        assertThat(waited.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(10));
        assertThat(waited.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(5));
        assertThat(waited.get(3)).isGreaterThanOrEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aRunStoppedWhileWaitingToRetryGivesAFailedOutcomeThatSaysSo() throws Exception {
        ShortfallMail mail = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails().get(0);
        ShortfallMailer down = new ShortfallMailer(sender(freePort()), ShortfallMailer.retryPolicy(3, Duration.ofSeconds(30)));

        Thread.currentThread().interrupt();
        MailOutcome outcome;
        try {
            outcome = down.send(FROM, mail);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }

        assertThat(outcome.status()).isEqualTo(MailOutcome.Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.reason()).startsWith("interrupted while waiting to retry; last error: ").doesNotContain("\n");
    }

    @Test
    void aRetrySettingOutOfRangeNamesTheProperty() {
        assertThatThrownBy(() -> ShortfallMailer.retryPolicy(0, Duration.ofSeconds(2)))
                .hasMessage("license-reconciler.mail.attempts must be at least 1, was 0");
        assertThatThrownBy(() -> ShortfallMailer.retryPolicy(3, Duration.ofSeconds(-1)))
                .hasMessage("license-reconciler.mail.backoff must be zero or positive, was PT-1S");
    }

    @Test
    void anInvalidFromAddressFailsWithoutSending() {
        ShortfallMail mail = planner.plan("nightly", "r1", MailFixtures.example(), List.of()).mails().get(0);

        MailOutcome outcome = mailer(greenMail.getSmtp().getPort()).send("licensing\r\nBcc: x@evil.example", mail);

        assertThat(outcome.status()).isEqualTo(MailOutcome.Status.FAILED);
        assertThat(outcome.attempts()).isZero();
        assertThat(outcome.reason()).contains("'from' address").doesNotContain("\n");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static ShortfallMailer mailer(int port) {
        return new ShortfallMailer(sender(port), FAST);
    }

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties props = new Properties();
        props.setProperty("mail.smtp.connectiontimeout", "2000");
        props.setProperty("mail.smtp.timeout", "2000");
        sender.setJavaMailProperties(props);
        return sender;
    }

    /** Messages in one mailbox: what the SMTP envelope delivered, whatever the headers say. */
    private static long deliveredTo(String address) {
        return greenMail.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), m -> true).count();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(MimeMessage.RecipientType.TO)).map(Object::toString).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The leaf parts of a message, depth first. */
    private static List<Part> leaves(Part part) throws Exception {
        List<Part> out = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                out.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else {
            out.add(part);
        }
        return out;
    }

    /** True when the text and HTML bodies sit together in a multipart/alternative. */
    private static boolean alternativeParent(MimeMessage m) throws Exception {
        Multipart mixed = (Multipart) m.getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            BodyPart part = mixed.getBodyPart(i);
            if (part.getContent() instanceof Multipart inner && inner.getContentType().startsWith("multipart/alternative")) {
                return true;
            }
        }
        return false;
    }

    private static String text(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
