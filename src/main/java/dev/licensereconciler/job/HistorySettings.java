package dev.licensereconciler.job;

/**
 * How much of a job's history is kept ({@code history} in a job file). After a run has published,
 * older runs are purged when they are beyond the {@code keepRuns} newest runs or older than
 * {@code keepDays}: their rows in every per-run table, Spring Batch's record of them and, with
 * {@code deleteFolders}, their run folders. {@code 0} switches a limit off; both 0 keeps everything.
 *
 * @param keepRuns      the newest runs kept (the current one included), 0: no limit by count
 * @param keepDays      days a run is kept, counted from its start, 0: no limit by age
 * @param deleteFolders whether a purged run's folder goes with its rows ({@code folders: delete}) or stays ({@code keep})
 */
public record HistorySettings(int keepRuns, int keepDays, boolean deleteFolders) {

    /** Two months of nightly runs; no run older than a quarter. */
    public static final int DEFAULT_KEEP_RUNS = 60;
    public static final int DEFAULT_KEEP_DAYS = 90;
    /** Upper bounds that catch a typo (an extra digit) rather than limit anyone: 100 years of hourly runs, 100 years. */
    public static final int MAX_KEEP_RUNS = 1_000_000;
    public static final int MAX_KEEP_DAYS = 36_500;

    public HistorySettings {
        if (keepRuns < 0 || keepRuns > MAX_KEEP_RUNS || keepDays < 0 || keepDays > MAX_KEEP_DAYS) {
            throw new IllegalArgumentException("history limits out of range: keepRuns " + keepRuns + ", keepDays " + keepDays);
        }
    }

    public static HistorySettings defaults() {
        return new HistorySettings(DEFAULT_KEEP_RUNS, DEFAULT_KEEP_DAYS, true);
    }

    /** Both limits off: nothing is ever purged. */
    public boolean keepsEverything() {
        return keepRuns == 0 && keepDays == 0;
    }
}
