package dev.licensereconciler.graph;

import java.nio.file.Path;

/**
 * What {@code snapshot} wrote: the tenant folder and its figures. {@code licenseErrors} counts the
 * tenant's own license paths in state Error (tenant-license-errors.csv); {@code activityUsers} the
 * users of the usage report written as activity.csv, -1 when none was written; {@code signIns}
 * whether users.csv carries sign-in dates. {@code exitStatus} is 0, or 1 when the tenant could not
 * be read ({@code message} says why).
 */
public record SnapshotReport(int exitStatus, Path folder, int users, int licenses, int groups, int members, int skus,
                             int licenseErrors, String message, int activityUsers, boolean signIns) {
}
