package dev.licensereconciler.job;

import java.time.Duration;

/**
 * Whether a run's plan is carried out in the tenant through Microsoft Graph ({@code apply}), and
 * how old a plan may be when it is: a plan is computed from a snapshot of the tenant, and one
 * older than {@code maxPlanAge} may undo what an admin changed since.
 */
public record ApplySettings(Mode mode, Duration maxPlanAge) {

    public static final Duration DEFAULT_MAX_PLAN_AGE = Duration.ofHours(24);

    /** {@code never}: the admin carries actions.csv out (or runs {@code apply}); {@code after-run}: every run that publishes. */
    public enum Mode {
        NEVER("never"), AFTER_RUN("after-run");

        private final String yamlName;

        Mode(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    public static ApplySettings defaults() {
        return new ApplySettings(Mode.NEVER, DEFAULT_MAX_PLAN_AGE);
    }

    public boolean afterRun() {
        return mode == Mode.AFTER_RUN;
    }
}
