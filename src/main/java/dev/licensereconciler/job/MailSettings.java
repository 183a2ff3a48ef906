package dev.licensereconciler.job;

import java.util.List;

/**
 * Shortfall mail settings of a job: sender, who gets products nobody purchased, and how many days
 * before a renewal (or the end of a trial) a purchaser's mail lists the subscription's surplus seats.
 */
public record MailSettings(boolean enabled, String from, List<String> fallbackRecipients, int surplusNoticeDays) {

    /** A month: enough to lower the quantity of an annual subscription before it renews. */
    public static final int DEFAULT_SURPLUS_NOTICE_DAYS = 30;

    public MailSettings {
        from = from == null ? "" : from.trim();
        fallbackRecipients = List.copyOf(fallbackRecipients);
    }

    public MailSettings(boolean enabled, String from, List<String> fallbackRecipients) {
        this(enabled, from, fallbackRecipients, DEFAULT_SURPLUS_NOTICE_DAYS);
    }

    public static MailSettings disabled() {
        return new MailSettings(false, "", List.of());
    }
}
