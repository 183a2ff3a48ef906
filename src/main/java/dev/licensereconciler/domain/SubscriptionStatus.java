package dev.licensereconciler.domain;

/** Lifecycle state of a subscription; only Enabled and Warning subscriptions provide seats. */
public enum SubscriptionStatus {
    ENABLED, WARNING, SUSPENDED, DELETED, LOCKED_OUT;

    public boolean providesSeats() {
        return this == ENABLED || this == WARNING;
    }
}
