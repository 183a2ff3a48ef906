package dev.licensereconciler.job;

import java.util.List;

/** Shortfall mail settings of a job: sender and who gets products nobody purchased. */
public record MailSettings(boolean enabled, String from, List<String> fallbackRecipients) {

    public MailSettings {
        from = from == null ? "" : from.trim();
        fallbackRecipients = List.copyOf(fallbackRecipients);
    }

    public static MailSettings disabled() {
        return new MailSettings(false, "", List.of());
    }
}
