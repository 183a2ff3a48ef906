package dev.licensereconciler.domain;

import java.util.Locale;

/** The job's reclaim policy (R11). */
public enum Reclaim {
    NONE, BLOCKED, NOT_ENTITLED, ALL;

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
}
