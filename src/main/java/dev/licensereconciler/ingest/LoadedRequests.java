package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.LicenseRequest;
import dev.licensereconciler.domain.Problem;

import java.util.List;

/** The valid rows of requests.csv in file order, and the rows that were reported and skipped. */
public record LoadedRequests(List<LicenseRequest> requests, List<Problem> problems) {

    public LoadedRequests {
        requests = List.copyOf(requests);
        problems = List.copyOf(problems);
    }
}
