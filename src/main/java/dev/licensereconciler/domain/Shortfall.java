package dev.licensereconciler.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * One row of shortfall.csv (R8): how many licenses of a product to buy so every valid request
 * gets one. {@code unitPrice}, {@code currency} and {@code shortfallCost} are null when no
 * purchase states a price.
 */
public record Shortfall(String sku, String product, int capacity, int assignedBefore, int assignedAfter,
                        int requested, int shortfall, int reclaimable, List<String> purchasers,
                        BigDecimal unitPrice, String currency, BigDecimal shortfallCost) {

    public Shortfall {
        purchasers = List.copyOf(purchasers);
    }
}
