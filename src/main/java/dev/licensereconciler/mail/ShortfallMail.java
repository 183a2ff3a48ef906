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
 * @param fallback      sent to the fallback recipients rather than to a purchaser
 * @param surplusOnly   only about seats to cut or ending (no shortfall, no removal): {@code skus} are
 *                      its subscriptions' products and the attachment holds their surplus.csv rows
 */
public record ShortfallMail(String runId, List<String> recipients, List<String> skus, String subject,
                            String textBody, String htmlBody, String attachmentCsv, boolean fallback,
                            boolean surplusOnly) {

    public static final String ATTACHMENT_NAME = "shortfall.csv";
    public static final String SURPLUS_ATTACHMENT_NAME = "surplus.csv";

    public ShortfallMail {
        recipients = List.copyOf(recipients);
        skus = List.copyOf(skus);
        subject = MailAddresses.headerValue(subject);
    }

    public byte[] attachment() {
        return attachmentCsv.getBytes(StandardCharsets.UTF_8);
    }

    public String attachmentName() {
        return surplusOnly ? SURPLUS_ATTACHMENT_NAME : ATTACHMENT_NAME;
    }

    /**
     * Stable across restarts of the same run: run id plus a hash of what makes the mail itself,
     * its kind, recipients (lower-cased, sorted) and products, so the batch layer can record
     * "sent" per mail and never send it twice. Recipients alone are not enough: a fallback
     * recipient who also bought another short product gets two different mails, and a key by
     * recipients would skip the second one as already sent.
     *
     * <p>The surplus a mail lists is not in its key: which renewals are inside the notice window
     * depends on the day, and a run resumed the next day must find the mail it already sent. A
     * surplus-only mail is therefore keyed by its kind and recipients alone; a run plans at most
     * one of each kind per recipient list, and its kinds differ from the shortfall mails' kinds.
     */
    public String mailKey() {
        String kind = (fallback ? "fallback" : "purchaser") + (surplusOnly ? " surplus" : "");
        String joined = kind + "\n"
                + String.join("\n", recipients.stream().map(r -> r.toLowerCase(Locale.ROOT)).sorted().toList())
                + "\n\n" + (surplusOnly ? "" : String.join("\n", skus));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return runId + ":" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
