package dev.licensereconciler.domain;

import java.util.SortedSet;

/**
 * A license a user holds now. {@code assignedBy} is null for a direct (manual) assignment, or
 * the name of the rule group that manages it.
 */
public record CurrentLicense(String sku, SortedSet<String> disabledPlans, String assignedBy) {

    public CurrentLicense {
        disabledPlans = Plans.copy(disabledPlans);
        if (assignedBy != null && (assignedBy.isBlank() || assignedBy.trim().equalsIgnoreCase("Direct"))) {
            assignedBy = null;
        }
    }

    public boolean isDirect() {
        return assignedBy == null;
    }
}
