package dev.licensereconciler.mail;

import java.util.List;

/**
 * What became of one planned mail. {@code reason} is empty when it was sent. UNCONFIRMED: the
 * message's data reached the server but no reply confirmed it, so it may have been delivered
 * and is not sent again.
 */
public record MailOutcome(String mailKey, List<String> recipients, Status status, int attempts, String reason) {

    public enum Status { SENT, UNCONFIRMED, FAILED }

    public MailOutcome {
        recipients = List.copyOf(recipients);
        reason = reason == null ? "" : reason;
    }

    public boolean sent() {
        return status == Status.SENT;
    }
}
