package dev.licensereconciler.domain;

import java.util.SortedSet;

/**
 * One product with one set of disabled plans, interned per product: the millions of licenses of a
 * tenant share a handful of these, so comparing plans is an identity check and the enabled plans
 * are a ready bit set.
 */
final class PlanSelection {

    final ProductState product;
    final int id;
    final SortedSet<String> disabled;
    private final long[] bits;
    /** Enabled plan numbers, ascending (= name order). */
    final int[] enabled;
    /** Enabled plans that require another plan; the only ones the dependency check looks at. */
    final int[] requiring;

    PlanSelection(ProductState product, int id, SortedSet<String> disabled, int[] enabled, int[] requiring) {
        this.product = product;
        this.id = id;
        this.disabled = disabled;
        this.enabled = enabled;
        this.requiring = requiring;
        int max = enabled.length == 0 ? 0 : enabled[enabled.length - 1];
        this.bits = new long[(max >> 6) + 1];
        for (int p : enabled) {
            bits[p >> 6] |= 1L << p;
        }
    }

    boolean has(int plan) {
        int word = plan >> 6;
        return plan >= 0 && word < bits.length && (bits[word] & (1L << plan)) != 0;
    }
}
