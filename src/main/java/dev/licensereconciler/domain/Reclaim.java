package dev.licensereconciler.domain;

import java.util.Locale;

/** The job's reclaim policy (R11). {@code ALL} reclaims for every reason. */
public enum Reclaim {
    NONE, BLOCKED, NOT_ENTITLED, INACTIVE, DIRECT_DUPLICATES, ALL;

    public static Reclaim parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public boolean reclaimsBlocked() {
        return this == BLOCKED || this == ALL;
    }

    public boolean reclaimsNotEntitled() {
        return this == NOT_ENTITLED || this == ALL;
    }

    /** Removes direct paths of licenses an Entra group already holds (ALSO_DIRECT). */
    public boolean reclaimsDirectDuplicates() {
        return this == DIRECT_DUPLICATES || this == ALL;
    }

    /** Licenses of users without activity (INACTIVE), after the job's notice runs. */
    public boolean reclaimsInactive() {
        return this == INACTIVE || this == ALL;
    }
}
