package dev.licensereconciler.domain;

import java.util.List;

/**
 * Everything a run decided. {@code results} are ordered by (UPN lower-cased, SKU) for the
 * nightly job and in file order for a bulk import; {@code refusals} by (UPN lower-cased, SKU)
 * resp. file order; {@code actions} by batch number; {@code shortfalls} by SKU.
 * {@code unassignCount} is the number of licenses the actions remove (for the R12 guard);
 * {@code recordChanges} how the nightly job's record of the licenses it manages changes (R3).
 */
public record ReconciliationResult(List<ProductAction> actions, List<LicenseResult> results,
                                   List<Problem> refusals, List<Shortfall> shortfalls, int unassignCount,
                                   List<ManagedChange> recordChanges) {

    public ReconciliationResult {
        actions = List.copyOf(actions);
        results = List.copyOf(results);
        refusals = List.copyOf(refusals);
        shortfalls = List.copyOf(shortfalls);
        recordChanges = List.copyOf(recordChanges);
    }

    /** A run that keeps no record of managed licenses (a bulk import). */
    public ReconciliationResult(List<ProductAction> actions, List<LicenseResult> results, List<Problem> refusals,
                                List<Shortfall> shortfalls, int unassignCount) {
        this(actions, results, refusals, shortfalls, unassignCount, List.of());
    }
}
