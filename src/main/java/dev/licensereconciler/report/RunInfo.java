package dev.licensereconciler.report;

import java.time.Instant;

/** Which run a summary describes. {@code finished} may be null while the run is still writing. */
public record RunInfo(String jobName, String runId, Instant started, Instant finished) {
}
