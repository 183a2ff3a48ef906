package dev.licensereconciler.domain;

/**
 * A job's policies (§8). {@code defaultUsageLocation} is empty for none and stands in for
 * rule-based assignments only. {@code batchSize} is 1 to 20 users per product action.
 * {@code inactiveDays} is how long a user may show no activity before their licenses are
 * reclaimable as INACTIVE; {@code noticeRuns} how many runs report such a license before
 * {@code reclaim: inactive} removes it (0: at once).
 */
public record Policies(boolean allowGuests, boolean allowBlocked, String defaultUsageLocation, Reclaim reclaim,
                       int maxUnassign, int batchSize, int inactiveDays, int noticeRuns) {

    public static final int MAX_BATCH_SIZE = 20;
    public static final int DEFAULT_INACTIVE_DAYS = 90;
    public static final int DEFAULT_NOTICE_RUNS = 1;
    /** Ten years: beyond that an activity report has nothing to say. */
    public static final int MAX_INACTIVE_DAYS = 3650;
    public static final int MAX_NOTICE_RUNS = 100;

    public Policies {
        defaultUsageLocation = defaultUsageLocation == null ? "" : defaultUsageLocation.trim();
        reclaim = reclaim == null ? Reclaim.NONE : reclaim;
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be from 1 to 20, was " + batchSize);
        }
        if (maxUnassign < 0) {
            throw new IllegalArgumentException("maxUnassign must be 0 or more, was " + maxUnassign);
        }
        if (inactiveDays < 1 || inactiveDays > MAX_INACTIVE_DAYS) {
            throw new IllegalArgumentException("inactiveDays must be from 1 to " + MAX_INACTIVE_DAYS + ", was "
                    + inactiveDays);
        }
        if (noticeRuns < 0 || noticeRuns > MAX_NOTICE_RUNS) {
            throw new IllegalArgumentException("noticeRuns must be from 0 to " + MAX_NOTICE_RUNS + ", was " + noticeRuns);
        }
    }

    /** The policies without the inactivity settings: their defaults. */
    public Policies(boolean allowGuests, boolean allowBlocked, String defaultUsageLocation, Reclaim reclaim,
                    int maxUnassign, int batchSize) {
        this(allowGuests, allowBlocked, defaultUsageLocation, reclaim, maxUnassign, batchSize, DEFAULT_INACTIVE_DAYS,
                DEFAULT_NOTICE_RUNS);
    }

    public static Policies defaults() {
        return new Policies(false, false, "", Reclaim.NONE, 500, MAX_BATCH_SIZE);
    }

    public Policies withInactivity(int days, int notices) {
        return new Policies(allowGuests, allowBlocked, defaultUsageLocation, reclaim, maxUnassign, batchSize, days,
                notices);
    }
}
