package dev.licensereconciler.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** R8: one row per product a purchase or a rule names, known to the catalog, by SKU. */
final class ShortfallReport {

    private ShortfallReport() {
    }

    /** Once the run's changes are all made: seats and reclaimable licenses are counted as they end up. */
    static List<Shortfall> build(Workspace workspace) {
        int[] reclaimable = reclaimableByRank(workspace);
        List<Shortfall> rows = new ArrayList<>();
        for (ProductState p : workspace.productsBySku()) {
            if (p.product == null || (p.subscriptions.isEmpty() && !p.namedByRule)) {
                continue;
            }
            Subscription priced = pricedSubscription(p.subscriptions);
            BigDecimal unitPrice = priced == null ? null : priced.unitPrice().setScale(2, RoundingMode.HALF_UP);
            int shortfall = p.shortfall();
            BigDecimal cost = unitPrice == null ? null
                    : unitPrice.multiply(BigDecimal.valueOf(shortfall)).setScale(2, RoundingMode.HALF_UP);
            rows.add(new Shortfall(p.sku, p.displayName(), p.capacity(), p.assignedBefore(), p.occupied(),
                    p.requested(), shortfall, reclaimable[p.rank], purchasers(p.subscriptions), unitPrice,
                    priced == null ? null : priced.currency(), cost));
        }
        return rows;
    }

    private static int[] reclaimableByRank(Workspace workspace) {
        int[] count = new int[workspace.productsBySku().size()];
        int n = workspace.snapshot.userCount();
        for (int user = 0; user < n; user++) {
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                if (workspace.reclaimableReason(s) != null) {
                    count[s.product.rank]++;
                }
            }
        }
        return count;
    }

    /** The first row stating a price, preferring subscriptions that provide seats to an admin. */
    private static Subscription pricedSubscription(List<Subscription> subscriptions) {
        Subscription fallback = null;
        for (Subscription s : subscriptions) {
            if (s.unitPrice() == null) {
                continue;
            }
            if (s.channel() == PurchaseChannel.ADMIN && s.status().providesSeats()) {
                return s;
            }
            if (fallback == null) {
                fallback = s;
            }
        }
        return fallback;
    }

    private static List<String> purchasers(List<Subscription> subscriptions) {
        Map<String, String> distinct = new LinkedHashMap<>();
        for (Subscription s : subscriptions) {
            for (String p : s.purchasers()) {
                String trimmed = p == null ? "" : p.trim();
                if (!trimmed.isEmpty()) {
                    distinct.putIfAbsent(Keys.normalize(trimmed), trimmed);
                }
            }
        }
        return new ArrayList<>(distinct.values());
    }
}
