package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;

/** Reads a run's inputs and decides everything (ingest + engine); no database, no output files. */
public interface RunComputer {

    ComputedRun compute(JobDefinition job, String runId);
}
