package dev.licensereconciler.domain;

/**
 * How long a subscription's commitment runs before it renews, in the ISO-8601 form Partner Center
 * and the admin center's billing use ({@code termDuration}): a month, a year or three years.
 */
public enum SubscriptionTerm {
    P1M(1), P1Y(12), P3Y(36);

    private final int months;

    SubscriptionTerm(int months) {
        this.months = months;
    }

    /** Months the term runs: a unit price is per license and month, so a term costs this many prices. */
    public int months() {
        return months;
    }
}
