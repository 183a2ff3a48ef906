package dev.licensereconciler.graph.emulator;

import java.util.Set;

/** A user's assignedLicenses entry as Graph lists it: one per SKU, plans disabled in every assignment of it. */
public record AssignedLicense(String skuId, Set<String> disabledPlans) {
}
