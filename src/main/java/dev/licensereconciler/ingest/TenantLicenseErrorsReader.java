package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.TenantSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * Reads tenant-license-errors.csv, which {@code snapshot} writes: the license paths Entra itself
 * holds in state Error (Graph's licenseAssignmentStates). Nothing here changes what the run plans;
 * each row becomes a {@link ErrorCode#TENANT_LICENSE_ERROR} row of errors.csv, so the admin sees
 * the tenant's own failures beside the run's, with a fix for each of Entra's error kinds.
 */
public final class TenantLicenseErrorsReader {

    static final Column STATE = Column.of("state");
    static final Column ERROR = Column.of("error", "errorCode");

    private static final String REMEDY = "The tenant license errors file needs columns 'user', 'sku' and "
            + "'error' (optional 'assignedBy' and 'state'); take a new snapshot to rewrite it.";

    private TenantLicenseErrorsReader() {
    }

    public static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int user = file.require(AssignmentsReader.USER, REMEDY);
        int sku = file.require(Skus.SKU, REMEDY);
        int error = file.require(ERROR, REMEDY);
        int assignedBy = file.column(AssignmentsReader.ASSIGNED_BY);
        int state = file.column(STATE);
        LastUser last = new LastUser(builder);
        for (CsvRecord r : file) {
            // Graph's other states (Active, ActiveWithError, Disabled) leave the user holding the product.
            if (!r.get(state).isEmpty() && !r.get(state).equalsIgnoreCase("Error")) {
                continue;
            }
            String who = r.get(user);
            if (who.isEmpty()) {
                rows.missingValue(r.line(), AssignmentsReader.USER);
                continue;
            }
            int index = last.index(who);
            if (index < 0) {
                String skuId = Skus.byId(builder.catalog(), r.get(sku)).map(Product::skuId).orElse(null);
                rows.report(r.line(), null, skuId, ErrorCode.UNKNOWN_USER, "user " + Values.quote(who)
                        + " is not in users.csv.", "Correct the user, or take users.csv and "
                        + file.name() + " from the same snapshot.");
                continue;
            }
            String upn = builder.upn(index);
            Optional<Product> product = Skus.resolve(builder.catalog(), builder::subscribesTo, r.get(sku), r, upn, rows);
            if (product.isEmpty()) {
                continue;
            }
            String skuId = product.get().skuId();
            String path = r.get(assignedBy);
            if (rows.tooLong(r, upn, skuId, AssignmentsReader.ASSIGNED_BY, path, InputLimit.GROUP_NAME)) {
                continue;
            }
            EntraError kind = EntraError.of(r.get(error));
            rows.report(r.line(), upn, skuId, ErrorCode.TENANT_LICENSE_ERROR, "Entra could not give " + upn + " "
                    + skuId + via(path) + ": " + (r.get(error).isEmpty() ? "no error named" : Values.quote(r.get(error)))
                    + " (" + kind.meaning + ").", kind.fix(skuId, upn, path) + " " + again(path));
        }
    }

    private static boolean direct(String path) {
        return path.isEmpty() || path.equalsIgnoreCase("Direct");
    }

    private static String via(String path) {
        if (path.isEmpty()) {
            return "";
        }
        return direct(path) ? " directly" : " through group " + Values.quote(path);
    }

    /** Entra retries a group's assignments only when asked (or when the group changes). */
    private static String again(String path) {
        return direct(path) ? "Then assign the license again and take a new snapshot."
                : "Then reprocess group " + Values.quote(path) + " in Entra (Groups > the group > Licenses > "
                + "Reprocess) and take a new snapshot.";
    }

    /** Entra's error kinds (licensing-groups-resolve-problems), each with what it means and how to fix it. */
    private enum EntraError {
        COUNT_VIOLATION("CountViolation", "the tenant has no free seat of the product"),
        MUTUALLY_EXCLUSIVE_VIOLATION("MutuallyExclusiveViolation",
                "one of its service plans conflicts with a plan of another product the user holds"),
        DEPENDENCY_VIOLATION("DependencyViolation",
                "one of its service plans needs a prerequisite plan the user does not hold, or the change "
                        + "would take away a plan another product needs"),
        PROHIBITED_IN_USAGE_LOCATION_VIOLATION("ProhibitedInUsageLocationViolation",
                "the product is not sold in the user's usage location"),
        UNIQUENESS_VIOLATION("UniquenessViolation",
                "another object in the directory has the same proxy address as the user"),
        OTHER("Other", "Entra names no cause");

        private final String name;
        private final String meaning;

        EntraError(String name, String meaning) {
            this.name = name;
            this.meaning = meaning;
        }

        static EntraError of(String cell) {
            for (EntraError e : values()) {
                if (e.name.equalsIgnoreCase(cell.strip())) {
                    return e;
                }
            }
            return OTHER;
        }

        String fix(String skuId, String upn, String path) {
            return switch (this) {
                case COUNT_VIOLATION -> "Buy more seats of " + skuId + ", or free seats by removing it from "
                        + "users who no longer need it.";
                case MUTUALLY_EXCLUSIVE_VIOLATION -> "Turn the conflicting service plan off in one of the two "
                        + "products (" + (direct(path) ? "in " + upn + "'s license" : "in the group's license "
                        + "assignment") + " or in the other product's).";
                case DEPENDENCY_VIOLATION -> "Keep or add the prerequisite plan: turn it back on, or assign a "
                        + "product that carries it.";
                case PROHIBITED_IN_USAGE_LOCATION_VIOLATION -> "Set " + upn + "'s usage location (Users > the "
                        + "user > Properties) to a country where " + skuId + " is sold.";
                case UNIQUENESS_VIOLATION -> "Find the object with the same proxy address (Exchange admin "
                        + "center, or Graph's proxyAddresses filter) and remove the duplicate.";
                case OTHER -> "Open " + upn + "'s licenses in the Entra admin center (Users > the user > "
                        + "Licenses) to see the cause, and fix it.";
            };
        }
    }
}
