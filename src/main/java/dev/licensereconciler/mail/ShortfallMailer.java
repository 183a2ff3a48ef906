package dev.licensereconciler.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends planned shortfall mails through Spring's {@link JavaMailSender}: multipart with a
 * text/HTML alternative and {@code shortfall.csv} attached. A failing send is retried; the
 * result is an outcome per mail, never an exception, so a mail problem cannot lose a run's
 * results.
 */
public final class ShortfallMailer {

    /** Waits between attempts; replaceable so tests can act between attempts. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final JavaMailSender sender;
    private final MailRetry retry;
    private final Sleeper sleeper;

    public ShortfallMailer(JavaMailSender sender, MailRetry retry, Sleeper sleeper) {
        this.sender = sender;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    public ShortfallMailer(JavaMailSender sender, MailRetry retry) {
        this(sender, retry, d -> Thread.sleep(d.toMillis()));
    }

    /** Sends every mail in order; one failure does not stop the others. */
    public List<MailOutcome> sendAll(String from, List<ShortfallMail> mails) {
        List<MailOutcome> outcomes = new ArrayList<>(mails.size());
        for (ShortfallMail mail : mails) {
            outcomes.add(send(from, mail));
        }
        return outcomes;
    }

    public MailOutcome send(String from, ShortfallMail mail) {
        var fromAddress = MailAddresses.parse(from);
        if (fromAddress.isEmpty()) {
            return failed(mail, 0, "the job's mail 'from' address '" + MailAddresses.headerValue(from)
                    + "' is not a valid e-mail address");
        }
        MimeMessage message;
        try {
            message = build(fromAddress.get(), mail);
        } catch (MessagingException | RuntimeException e) {
            // A message that cannot be built will not build on a second try either.
            return failed(mail, 0, "could not build the message: " + describe(e));
        }
        String lastError = "";
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1 && !pause(retry.delayBefore(attempt))) {
                return failed(mail, attempt - 1, "interrupted while waiting to retry; last error: " + lastError);
            }
            try {
                sender.send(message);
                return new MailOutcome(mail.mailKey(), mail.recipients(), MailOutcome.Status.SENT, attempt, "");
            } catch (MailException e) {
                lastError = describe(e);
            }
        }
        return failed(mail, retry.attempts(), lastError);
    }

    private MimeMessage build(String from, ShortfallMail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
        helper.setFrom(from);
        helper.setTo(mail.recipients().toArray(String[]::new));
        helper.setSubject(MailAddresses.headerValue(mail.subject()));
        helper.setText(mail.textBody(), mail.htmlBody());
        helper.getRootMimeMultipart().addBodyPart(attachment(mail));
        return message;
    }

    /**
     * Base64 on purpose: with 7bit or quoted-printable, mail transports rewrite the line ends of
     * a text/* part to CRLF, and the attachment would no longer be byte-identical to the run's
     * shortfall.csv.
     */
    private static MimeBodyPart attachment(ShortfallMail mail) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.attachment(), "text/csv; charset=UTF-8")));
        part.setFileName(ShortfallMail.ATTACHMENT_NAME);
        part.setDisposition(Part.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private boolean pause(Duration delay) {
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static MailOutcome failed(ShortfallMail mail, int attempts, String reason) {
        return new MailOutcome(mail.mailKey(), mail.recipients(), MailOutcome.Status.FAILED, attempts, reason);
    }

    /** The innermost message is the one that says what the SMTP server or network did. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
        return MailAddresses.headerValue(text);
    }
}
