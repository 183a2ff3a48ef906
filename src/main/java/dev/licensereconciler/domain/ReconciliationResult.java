package dev.licensereconciler.domain;

import java.util.List;

/**
 * Everything a run decided. {@code results} are ordered by (UPN lower-cased, SKU) for the
 * nightly job and in file order for a bulk import; {@code refusals} by (UPN lower-cased, SKU)
 * resp. file order; {@code actions} by batch number; {@code shortfalls} by SKU.
 * {@code unassignCount} is the number of licenses the actions remove (for the R12 guard).
 * {@code notices} are the licenses reported as going to be reclaimed for inactivity (R11), in
 * (UPN lower-cased, SKU) order.
 */
public record ReconciliationResult(List<ProductAction> actions, List<LicenseResult> results,
                                   List<Problem> refusals, List<Shortfall> shortfalls, int unassignCount,
                                   List<InactiveNotice> notices) {

    /** A result without notices of inactivity (a bulk import gives none). */
    public ReconciliationResult(List<ProductAction> actions, List<LicenseResult> results, List<Problem> refusals,
                                List<Shortfall> shortfalls, int unassignCount) {
        this(actions, results, refusals, shortfalls, unassignCount, List.of());
    }

    public ReconciliationResult {
        actions = List.copyOf(actions);
        results = List.copyOf(results);
        refusals = List.copyOf(refusals);
        shortfalls = List.copyOf(shortfalls);
        notices = List.copyOf(notices);
    }
}
