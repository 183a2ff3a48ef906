package dev.licensereconciler.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * One row of purchases.csv. {@code sku} is the trimmed String_Id. {@code unitPrice} and
 * {@code currency} may be null when the export does not say.
 */
public record Subscription(String sku, int quantity, SubscriptionStatus status, PurchaseChannel channel,
                           List<String> purchasers, BigDecimal unitPrice, String currency, String subscriptionId) {

    public Subscription {
        purchasers = List.copyOf(purchasers);
        currency = currency == null || currency.isBlank() ? null : currency.trim();
        subscriptionId = subscriptionId == null ? "" : subscriptionId;
    }

    /** Seats an admin can hand out from this subscription. */
    public int adminSeats() {
        return channel == PurchaseChannel.ADMIN && status.providesSeats() ? quantity : 0;
    }
}
