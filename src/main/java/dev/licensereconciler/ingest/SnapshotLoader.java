package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.LicenseRequest;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.TenantSnapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tenant snapshot folder (§3) into a {@link TenantSnapshot}. Files are read in the order
 * their references need: purchases first (what the tenant owns settles shared display names),
 * users (everything else names users), then their activity, memberships, rules and assignments,
 * last the tenant's own license errors (reported, never planned on). Bad rows are collected; a file unusable as a whole throws
 * {@link InputFileException}.
 */
public final class SnapshotLoader {

    public static final String USERS = "users.csv";
    public static final String GROUP_MEMBERSHIPS = "group-memberships.csv";
    /** A folder of per-group member files, as Entra downloads them (one group per file). */
    public static final String GROUP_MEMBERSHIPS_FOLDER = "group-memberships";
    public static final String PURCHASES = "purchases.csv";
    public static final String GROUP_LICENSES = "group-licenses.csv";
    public static final String ASSIGNMENTS = "assignments.csv";
    public static final String TENANT_LICENSE_ERRORS = "tenant-license-errors.csv";
    public static final String ACTIVITY = "activity.csv";

    private final Catalog catalog;
    private final ServicePlanRules planRules;

    public SnapshotLoader(Catalog catalog, ServicePlanRules planRules) {
        this.catalog = catalog;
        this.planRules = planRules;
    }

    public LoadedSnapshot load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InputFileException(folder.toString(), 0, "the tenant snapshot folder does not exist. "
                    + "Check the job's 'input' setting or the --input option.");
        }
        Path users = required(folder, USERS, "Export users from the admin center (Users > Active users > "
                + "Export users) or from Entra (Users > Download users) and save the file as " + USERS + ".");
        Path purchases = required(folder, PURCHASES, "Export the tenant's subscriptions (one row per "
                + "subscription, columns sku and quantity) and save the file as " + PURCHASES + ".");
        Path assignments = folder.resolve(ASSIGNMENTS);
        // Decided up front so users.csv streams once: its Licenses column only counts without assignments.csv.
        boolean licensesFromUsers = !Files.exists(assignments);

        TenantSnapshot.Builder builder = TenantSnapshot.builder(catalog, planRules);
        List<Problem> problems = new ArrayList<>();
        // Purchases first: what the tenant owns settles display names that several products share.
        ConsumedUnits consumed = new ConsumedUnits();
        try (CsvFile f = CsvFile.open(purchases)) {
            PurchasesReader.read(f, builder, problems, consumed);
        }
        try (CsvFile f = CsvFile.open(users)) {
            UsersReader.read(f, builder, licensesFromUsers, problems);
        }
        Path activity = folder.resolve(ACTIVITY);
        if (Files.exists(activity)) {
            try (CsvFile f = CsvFile.open(activity)) {
                ActivityReader.read(f, builder, problems);
            }
        }
        Path memberships = folder.resolve(GROUP_MEMBERSHIPS);
        if (Files.exists(memberships)) {
            try (CsvFile f = CsvFile.open(memberships)) {
                GroupMembershipsReader.read(f, builder, problems);
            }
        }
        GroupMemberFiles.read(folder.resolve(GROUP_MEMBERSHIPS_FOLDER), builder, problems);
        Path rules = folder.resolve(GROUP_LICENSES);
        if (Files.exists(rules)) {
            try (CsvFile f = CsvFile.open(rules)) {
                GroupLicensesReader.read(f, builder, problems);
            }
        }
        if (!licensesFromUsers) {
            try (CsvFile f = CsvFile.open(assignments)) {
                AssignmentsReader.read(f, builder, problems);
            }
        }
        Path tenantErrors = folder.resolve(TENANT_LICENSE_ERRORS);
        if (Files.exists(tenantErrors)) {
            try (CsvFile f = CsvFile.open(tenantErrors)) {
                TenantLicenseErrorsReader.read(f, builder, problems);
            }
        }
        TenantSnapshot snapshot = builder.build();
        consumed.compare(snapshot, PURCHASES, problems);
        return new LoadedSnapshot(snapshot, problems);
    }

    /** Reads a bulk import's requests against a loaded snapshot. */
    public LoadedRequests loadRequests(Path requestsFile, TenantSnapshot snapshot) {
        if (!Files.exists(requestsFile)) {
            throw new InputFileException(requestsFile.getFileName().toString(), 0, "the requests file does not "
                    + "exist (" + requestsFile + "). Check the job's 'requests' setting; it is relative to 'input'.");
        }
        List<Problem> problems = new ArrayList<>();
        try (CsvFile f = CsvFile.open(requestsFile)) {
            List<LicenseRequest> requests = RequestsReader.read(f, snapshot, problems);
            return new LoadedRequests(requests, problems);
        }
    }

    private static Path required(Path folder, String name, String remedy) {
        Path file = folder.resolve(name);
        if (!Files.exists(file)) {
            throw new InputFileException(name, 0, "the required file is missing from " + folder + ". " + remedy);
        }
        return file;
    }
}
