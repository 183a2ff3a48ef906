package dev.licensereconciler.graph;

import java.time.Duration;

/**
 * How to apply a run: {@code dryRun} prints and writes the requests without signing in;
 * {@code maxPlanAge} is the job's (default 24 h); {@code maxUnassign} overrides the job's guard
 * for this apply (null: the job's policies.maxUnassign).
 */
public record ApplyOptions(boolean dryRun, Duration maxPlanAge, Integer maxUnassign) {

    public static final Duration DEFAULT_MAX_PLAN_AGE = Duration.ofHours(24);

    public ApplyOptions {
        maxPlanAge = maxPlanAge == null ? DEFAULT_MAX_PLAN_AGE : maxPlanAge;
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(false, DEFAULT_MAX_PLAN_AGE, null);
    }

    public static ApplyOptions dryRunOnly() {
        return new ApplyOptions(true, DEFAULT_MAX_PLAN_AGE, null);
    }
}
