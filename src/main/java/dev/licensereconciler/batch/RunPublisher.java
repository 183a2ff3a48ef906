package dev.licensereconciler.batch;

import java.nio.file.Path;

/** Writes a run's files (§5) aside and moves them into place whole; idempotent per run. */
public interface RunPublisher {

    /** @return the published run folder */
    Path publish(ComputedRun run, RunParameters parameters);
}
