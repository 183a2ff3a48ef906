package dev.licensereconciler.domain;

import java.util.SortedSet;

/**
 * One row of results.csv. {@code code} is null, an error code, or a reclaimable reason
 * (NOT_ENTITLED, ACCOUNT_BLOCKED). {@code disabledPlans} as after the run (for a failed
 * assignment: as it would have been; for an unassignment: empty).
 */
public record LicenseResult(String user, String sku, Outcome outcome, ErrorCode code, SortedSet<String> disabledPlans) {

    public LicenseResult {
        disabledPlans = Plans.copy(disabledPlans);
    }
}
