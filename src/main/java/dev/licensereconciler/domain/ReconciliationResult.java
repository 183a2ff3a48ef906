package dev.licensereconciler.domain;

import java.util.List;

/**
 * Everything a run decided. {@code results} are ordered by (UPN lower-cased, SKU) for the
 * nightly job and in file order for a bulk import; {@code refusals} by (UPN lower-cased, SKU)
 * resp. file order; {@code actions} by batch number; {@code shortfalls} by SKU.
 * {@code unassignCount} is the number of licenses the actions remove (for the R12 guard);
 * {@code recordChanges} how the nightly job's record of the licenses it manages changes (R3);
 * {@code notices} are the licenses reported as going to be reclaimed for inactivity (R11), in
 * (UPN lower-cased, SKU) order.
 */
public record ReconciliationResult(List<ProductAction> actions, List<LicenseResult> results,
                                   List<Problem> refusals, List<Shortfall> shortfalls, int unassignCount,
                                   List<ManagedChange> recordChanges, List<InactiveNotice> notices) {

    /** A result without record changes or notices of inactivity (a bulk import gives neither). */
    public ReconciliationResult(List<ProductAction> actions, List<LicenseResult> results, List<Problem> refusals,
                                List<Shortfall> shortfalls, int unassignCount) {
        this(actions, results, refusals, shortfalls, unassignCount, List.of(), List.of());
    }

    public ReconciliationResult {
        actions = List.copyOf(actions);
        results = List.copyOf(results);
        refusals = List.copyOf(refusals);
        shortfalls = List.copyOf(shortfalls);
        recordChanges = List.copyOf(recordChanges);
        notices = List.copyOf(notices);
    }
}
