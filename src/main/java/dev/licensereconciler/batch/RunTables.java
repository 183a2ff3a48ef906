package dev.licensereconciler.batch;

import java.util.List;

/**
 * The product's tables whose rows belong to one run, each keyed by {@code JOB_NAME} and
 * {@code RUN_ID}: what the history purge deletes of a run. Declared here once; a migration that
 * adds a per-run table adds its name here (RunTablesTest fails until it does). Children first,
 * {@code LR_RUN} last: a purge stopped part-way still finds the run by its LR_RUN row (and its
 * folder by LR_RUN.OUTPUT_PATH) and finishes it next time.
 */
public final class RunTables {

    /** The run's headline row, with where its folder is; deleted after all the others. */
    public static final String RUN = "LR_RUN";

    public static final List<String> ALL = List.of(
            "LR_ACTION", "LR_RESULT", "LR_ERROR", "LR_SHORTFALL", "LR_SURPLUS", "LR_RECOMMENDATION", "LR_COST",
            "LR_MAIL", "LR_NOTICE", "LR_APPLY", "LR_APPLY_RUN", RUN);

    /**
     * Tables with a RUN_ID that belong to the job, not to one run: the lease names the run holding
     * it. The purge leaves them alone (LR_MANAGED, keyed by job, has no RUN_ID at all).
     */
    public static final List<String> PER_JOB = List.of("LR_RUN_LEASE");

    private RunTables() {
    }
}
