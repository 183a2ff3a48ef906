package dev.licensereconciler.mail;

import java.util.List;

/** What became of one planned mail. {@code reason} is empty when it was sent. */
public record MailOutcome(String mailKey, List<String> recipients, Status status, int attempts, String reason) {

    public enum Status { SENT, FAILED }

    public MailOutcome {
        recipients = List.copyOf(recipients);
        reason = reason == null ? "" : reason;
    }

    public boolean sent() {
        return status == Status.SENT;
    }
}
