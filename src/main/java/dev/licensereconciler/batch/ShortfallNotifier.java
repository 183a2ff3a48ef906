package dev.licensereconciler.batch;

/** Mails the purchasers of a run's shortfalls, once per run even when the run is resumed. */
public interface ShortfallNotifier {

    /** What happened to the run's mails, for the run's summary and exit status. */
    record Outcome(int sent, int alreadySent, int failed, String note) {
        public static Outcome skipped(String note) {
            return new Outcome(0, 0, 0, note);
        }
    }

    Outcome notify(ComputedRun run, RunParameters parameters);
}
