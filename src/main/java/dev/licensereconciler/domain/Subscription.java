package dev.licensereconciler.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of purchases.csv. {@code sku} is the trimmed String_Id. {@code unitPrice} (per license
 * and month) and {@code currency} may be null when the export does not say. The renewal terms are
 * optional columns: {@code renewalDate} (when the term ends: it renews, or lapses) and {@code term}
 * null when unknown, {@code autoRenew} null when the export does not say (read as renewing, the
 * admin center's default), {@code trial} a free trial whose seats lapse at its end.
 */
public record Subscription(String sku, int quantity, SubscriptionStatus status, PurchaseChannel channel,
                           List<String> purchasers, BigDecimal unitPrice, String currency, String subscriptionId,
                           LocalDate renewalDate, SubscriptionTerm term, Boolean autoRenew, boolean trial) {

    public Subscription {
        purchasers = List.copyOf(purchasers);
        currency = currency == null || currency.isBlank() ? null : currency.trim();
        subscriptionId = subscriptionId == null ? "" : subscriptionId;
    }

    /** A subscription whose export states no renewal terms. */
    public Subscription(String sku, int quantity, SubscriptionStatus status, PurchaseChannel channel,
                        List<String> purchasers, BigDecimal unitPrice, String currency, String subscriptionId) {
        this(sku, quantity, status, channel, purchasers, unitPrice, currency, subscriptionId, null, null, null, false);
    }

    /**
     * Seats that go away at the end of the term whatever is held: a trial, a subscription in Warning
     * (expired, in its grace period) or one set not to renew.
     */
    public boolean lapses() {
        return trial || status == SubscriptionStatus.WARNING || Boolean.FALSE.equals(autoRenew);
    }

    /** Seats an admin can hand out from this subscription. */
    public int adminSeats() {
        return channel == PurchaseChannel.ADMIN && status.providesSeats() ? quantity : 0;
    }
}
