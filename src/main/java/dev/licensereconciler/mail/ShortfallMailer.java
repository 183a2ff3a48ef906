package dev.licensereconciler.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.internet.MimeMessage;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends planned shortfall mails through Spring's {@link JavaMailSender}: multipart with a
 * text/HTML alternative and {@code shortfall.csv} attached. A failing send is retried by Spring's
 * {@link RetryTemplate}: an SMTP server that hiccups for a few seconds should not cost a
 * purchaser their report. Once the message's data has been written to the server it is never
 * retried: the server may have queued it, and a failure after that (no confirmation) is
 * UNCONFIRMED, not FAILED. The result is an outcome per mail, never an exception, so a mail
 * problem cannot lose a run's results.
 */
public final class ShortfallMailer {

    private final JavaMailSender sender;
    private final RetryTemplate retry;

    /** @param listener told of every attempt and retry (tests act between attempts with it) */
    public ShortfallMailer(JavaMailSender sender, RetryPolicy retry, RetryListener listener) {
        this.sender = sender;
        this.retry = new RetryTemplate(retry);
        this.retry.setRetryListener(listener);
    }

    public ShortfallMailer(JavaMailSender sender, RetryPolicy retry) {
        this(sender, retry, new RetryListener() { });
    }

    /**
     * Up to {@code attempts} tries of one mail when the mail server fails: {@code backoff}
     * before the second, doubling after that. Only mail errors are retried; a message that
     * cannot be built fails at once.
     */
    public static RetryPolicy retryPolicy(int attempts, Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("license-reconciler.mail.attempts must be at least 1, was " + attempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("license-reconciler.mail.backoff must be zero or positive, was " + backoff);
        }
        return RetryPolicy.builder().maxRetries(attempts - 1L).delay(backoff).multiplier(2)
                .includes(MailException.class).build();
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
        TrackedMessage message;
        try {
            message = build(fromAddress.get(), mail);
        } catch (MessagingException | RuntimeException e) {
            // A message that cannot be built will not build on a second try either.
            return failed(mail, 0, "could not build the message: " + describe(e));
        }
        AtomicInteger attempts = new AtomicInteger();
        try {
            retry.execute(new Retryable<Void>() {
                @Override
                public Void execute() {
                    attempts.incrementAndGet();
                    try {
                        sender.send(message);
                    } catch (MailException e) {
                        if (message.handedOver()) {
                            // The server may have queued it before the connection broke: a retry
                            // could deliver a second copy, so this one is not retried.
                            throw new Unconfirmed(describe(e));
                        }
                        throw e;
                    }
                    return null;
                }

                @Override
                public String getName() {
                    return "shortfall mail " + mail.mailKey();
                }
            });
            return new MailOutcome(mail.mailKey(), mail.recipients(), MailOutcome.Status.SENT, attempts.get(), "");
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e;
            if (last instanceof Unconfirmed unconfirmed) {
                return new MailOutcome(mail.mailKey(), mail.recipients(), MailOutcome.Status.UNCONFIRMED, attempts.get(),
                        "the server received the message but did not confirm it: " + unconfirmed.getMessage());
            }
            String lastError = describe(last);
            if (Thread.currentThread().isInterrupted()) {
                return failed(mail, attempts.get(), "interrupted while waiting to retry; last error: " + lastError);
            }
            return failed(mail, attempts.get(), lastError);
        }
    }

    private TrackedMessage build(String from, ShortfallMail mail) throws MessagingException {
        TrackedMessage message = new TrackedMessage(sender.createMimeMessage().getSession());
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
        part.setFileName(mail.attachmentName());
        part.setDisposition(Part.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /**
     * Knows whether its content was written out whole to the transport: after that the server
     * has everything it needs to deliver it, and only its reply is missing.
     */
    private static final class TrackedMessage extends MimeMessage {
        private volatile boolean handedOver;

        TrackedMessage(Session session) {
            super(session);
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
            super.writeTo(os, ignoreList);
            handedOver = true;
        }

        boolean handedOver() {
            return handedOver;
        }
    }

    /**
     * Neither a {@link MailException} nor caused by one (the retry policy looks at causes too),
     * so it is not retried.
     */
    private static final class Unconfirmed extends RuntimeException {
        Unconfirmed(String reason) {
            super(reason, null, false, false);
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
