package dev.licensereconciler.domain;

import java.util.SortedSet;

/**
 * One row of group-licenses.csv: members of {@code group} get product {@code sku} with these
 * service plans off. Lower priority goes first when seats run out.
 */
public record LicenseRule(String group, String sku, SortedSet<String> disabledPlans, int priority) {

    public static final int DEFAULT_PRIORITY = 100;

    public LicenseRule {
        disabledPlans = Plans.copy(disabledPlans);
    }
}
