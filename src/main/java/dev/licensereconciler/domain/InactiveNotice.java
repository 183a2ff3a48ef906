package dev.licensereconciler.domain;

import java.time.LocalDate;

/**
 * A license the run reported as going to be reclaimed for inactivity ({@code reclaim: inactive}):
 * its user and product, the run that first reported it, how many runs have reported it (this one
 * included), the user's last activity, and whether the next run removes it.
 */
public record InactiveNotice(String user, String sku, String firstRun, int runs, LocalDate lastActive,
                             boolean removedNextRun) {
}
