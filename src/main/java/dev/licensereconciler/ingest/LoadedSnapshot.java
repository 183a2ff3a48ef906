package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.TenantSnapshot;

import java.util.List;

/** A tenant snapshot and the bad input rows that were reported and skipped while reading it. */
public record LoadedSnapshot(TenantSnapshot snapshot, List<Problem> problems) {

    public LoadedSnapshot {
        problems = List.copyOf(problems);
    }
}
