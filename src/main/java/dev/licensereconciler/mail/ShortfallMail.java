package dev.licensereconciler.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One planned shortfall mail.
 *
 * @param runId         the run it reports on; part of {@link #mailKey()}
 * @param recipients    valid addresses, each once
 * @param skus          the products it covers, in shortfall order
 * @param attachmentCsv the shortfall.csv rows of exactly those products (header included)
 */
public record ShortfallMail(String runId, List<String> recipients, List<String> skus, String subject,
                            String textBody, String htmlBody, String attachmentCsv) {

    public static final String ATTACHMENT_NAME = "shortfall.csv";

    public ShortfallMail {
        recipients = List.copyOf(recipients);
        skus = List.copyOf(skus);
        subject = MailAddresses.headerValue(subject);
    }

    public byte[] attachment() {
        return attachmentCsv.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stable across restarts of the same run: run id plus a hash of the recipients (lower-cased,
     * sorted), so the batch layer can record "sent" per mail and never send it twice.
     */
    public String mailKey() {
        String joined = String.join("\n", recipients.stream().map(r -> r.toLowerCase(Locale.ROOT)).sorted().toList());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return runId + ":" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
