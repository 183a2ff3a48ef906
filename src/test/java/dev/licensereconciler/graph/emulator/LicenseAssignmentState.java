package dev.licensereconciler.graph.emulator;

import java.util.Set;

/**
 * A user's licenseAssignmentStates entry: assignedByGroup is null for a direct assignment; state is Active or
 * Error; error is null or one of CountViolation, MutuallyExclusiveViolation, DependencyViolation,
 * ProhibitedInUsageLocationViolation, UniquenessViolation, Other (resources/licenseassignmentstate.md).
 */
public record LicenseAssignmentState(String skuId, Set<String> disabledPlans, String assignedByGroup, String state,
        String error) {
}
