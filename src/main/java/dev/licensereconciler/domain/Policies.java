package dev.licensereconciler.domain;

/**
 * A job's policies (§8). {@code defaultUsageLocation} is empty for none and stands in for
 * rule-based assignments only. {@code batchSize} is 1 to 20 users per product action.
 */
public record Policies(boolean allowGuests, boolean allowBlocked, String defaultUsageLocation, Reclaim reclaim,
                       int maxUnassign, int batchSize) {

    public static final int MAX_BATCH_SIZE = 20;

    public Policies {
        defaultUsageLocation = defaultUsageLocation == null ? "" : defaultUsageLocation.trim();
        reclaim = reclaim == null ? Reclaim.NONE : reclaim;
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be from 1 to 20, was " + batchSize);
        }
        if (maxUnassign < 0) {
            throw new IllegalArgumentException("maxUnassign must be 0 or more, was " + maxUnassign);
        }
    }

    public static Policies defaults() {
        return new Policies(false, false, "", Reclaim.NONE, 500, MAX_BATCH_SIZE);
    }
}
