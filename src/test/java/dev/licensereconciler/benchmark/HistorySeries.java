package dev.licensereconciler.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs of one tenant one after another on one database, with the job's {@code history} limits:
 * after each run what the database holds, how long the purge took and what it removed, and at the
 * end one table of all runs, to show whether the database stays bounded. The purge's time is its
 * step's ({@code purge-history}) start to end as Spring Batch recorded it; the rows it removed are
 * the per-run tables' rows before the run, plus the run's own, minus those after it (counted, not
 * taken from the purge's log line).
 */
final class HistorySeries {

    /** One run of the series: its number (from 1), the load average before it, and what was measured. */
    record Run(int number, double loadAverage, double jobSeconds, double purgeSeconds, long purgedRows,
               DatabaseFigures database, int runFolders) {
    }

    static final String PURGE_STEP = "purge-history";

    private final String title;
    private final String history;
    private final int keepRuns;
    private final List<Run> runs = new ArrayList<>();

    /**
     * @param title    what ran, e.g. "1,000,000 users on h2"
     * @param history  the job's history setting as its file gives it, e.g. "keepRuns 1, keepDays 0"
     * @param keepRuns the newest runs the setting keeps (0: no limit by count)
     */
    HistorySeries(String title, String history, int keepRuns) {
        this.title = title;
        this.history = history;
        this.keepRuns = keepRuns;
    }

    /** Records a run that has ended; its purged rows come from the database figures of the run before. */
    Run add(double loadAverage, double jobSeconds, double purgeSeconds, DatabaseFigures database, int runFolders) {
        long before = runs.isEmpty() ? 0 : runs.get(runs.size() - 1).database().perRunTableRows();
        long purged = before + database.runRows() - database.perRunTableRows();
        Run run = new Run(runs.size() + 1, loadAverage, jobSeconds, purgeSeconds, purged, database, runFolders);
        runs.add(run);
        return run;
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    /** What the database holds after one run, printed right after it. */
    void printRun(PrintStream out, Run r, int of) {
        DatabaseFigures db = r.database();
        out.printf(Locale.ROOT, "after run %d of %d, %s (history: %s):%n", r.number(), of, title, history);
        out.printf(Locale.ROOT, "  purge %.1f s (step %s), %,d rows purged; kept: %,d runs in LR_RUN, %,d in BATCH_JOB_INSTANCE, %,d run folders%n",
                r.purgeSeconds(), PURGE_STEP, r.purgedRows(), db.tableRows().getOrDefault("LR_RUN", 0L),
                db.tableRows().getOrDefault("BATCH_JOB_INSTANCE", 0L), r.runFolders());
        out.printf(Locale.ROOT, "  database: %s; LR_* %,d rows, BATCH_* %,d rows, this run's rows %,d%n", size(db),
                db.rows("LR_"), db.rows("BATCH_"), db.runRows());
        out.println("  rows per table: " + db.tableRows().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
    }

    /** One row per run, and whether the size after the last run is still the size after the first purge. */
    void printSummary(PrintStream out) {
        out.printf(Locale.ROOT, "%n=== history: %s, %s, %d runs ===%n", title, history, runs.size());
        out.printf("  %3s %8s %8s %8s %12s %12s %12s %7s %8s %14s %9s%n", "run", "load avg", "job s", "purge s",
                "purged rows", "LR_* rows", "BATCH_* rows", "LR_RUN", "folders", "data+index MB", "disk MB");
        for (Run r : runs) {
            DatabaseFigures db = r.database();
            out.printf(Locale.ROOT, "  %3d %8.1f %8.1f %8.1f %,12d %,12d %,12d %,7d %,8d %14s %9s%n", r.number(), r.loadAverage(),
                    r.jobSeconds(), r.purgeSeconds(), r.purgedRows(), db.rows("LR_"), db.rows("BATCH_"),
                    db.tableRows().getOrDefault("LR_RUN", 0L), r.runFolders(), mb(db.schemaBytes()), mb(db.diskBytes()));
        }
        out.println("  " + bound());
    }

    /**
     * The size after each run and how much each run added, and the rows after the last run against
     * those after the first run that purged (run keepRuns + 1): from there on each run stores one run
     * and purges one, so the rows are equal; the size settles once the database reuses the space
     * the purged runs freed (H2 keeps its file, InnoDB its .ibd files, at their largest).
     */
    String bound() {
        String sizes = runs.stream().map(r -> mb(r.database().sizeBytes())).collect(Collectors.joining(" -> "));
        StringBuilder b = new StringBuilder("database MB after each run: ").append(sizes);
        if (runs.size() > 1) {
            List<String> growth = new ArrayList<>();
            for (int i = 1; i < runs.size(); i++) {
                growth.add(String.format(Locale.ROOT, "%+,.1f", (runs.get(i).database().sizeBytes()
                        - runs.get(i - 1).database().sizeBytes()) / 1e6));
            }
            b.append(" (added by runs 2-").append(runs.size()).append(": ").append(String.join(", ", growth)).append(')');
        }
        int firstPurge = keepRuns + 1;
        if (keepRuns == 0 || runs.size() <= firstPurge) {
            return b.append("; no run purged another by count yet (").append(history).append(", ")
                    .append(runs.size()).append(" runs)").toString();
        }
        long lrReference = runs.get(firstPurge - 1).database().rows("LR_");
        long lrLast = runs.get(runs.size() - 1).database().rows("LR_");
        return b.append(String.format(Locale.ROOT, "; LR_* rows after run %d against run %d (the first that purged): x%.2f",
                runs.size(), firstPurge, lrReference == 0 ? Double.NaN : (double) lrLast / lrReference)).toString();
    }

    private static String size(DatabaseFigures db) {
        List<String> parts = new ArrayList<>();
        if (db.diskBytes() != DatabaseFigures.UNKNOWN) {
            parts.add(mb(db.diskBytes()) + " MB on disk (" + (db.schemaBytes() == DatabaseFigures.UNKNOWN
                    ? "data folder" : "the schema's folder") + ")");
        }
        if (db.schemaBytes() != DatabaseFigures.UNKNOWN) {
            parts.add(mb(db.schemaBytes()) + " MB data + index (information_schema)");
        }
        return parts.isEmpty() ? "size not known" : String.join(", ", parts);
    }

    static String mb(long bytes) {
        return bytes == DatabaseFigures.UNKNOWN ? "-" : String.format(Locale.ROOT, "%,.1f", bytes / 1e6);
    }
}
