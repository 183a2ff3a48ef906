package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.CurrentLicense;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.TenantSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * Reads assignments.csv: the licenses users hold now, with their disabled plans and the path each is
 * held through. Several rows for one user and product are paths of one license (Direct and one or
 * more groups, as Graph's licenseAssignmentStates lists them); a row repeating a path is a duplicate.
 */
public final class AssignmentsReader {

    static final Column USER = Column.of("user", "userPrincipalName", "upn", "User principal name")
            .orInAnotherForm("userId");
    static final Column ASSIGNED_BY = Column.of("assignedBy", "assignedByGroup", "inheritedFrom", "Assignment path");

    private static final String REMEDY = "The assignments file needs columns 'user' and 'sku' "
            + "(optional 'disabledPlans' and 'assignedBy').";

    private AssignmentsReader() {
    }

    public static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int user = file.require(USER, REMEDY);
        int sku = file.require(Skus.SKU, REMEDY);
        int disabledPlans = file.column(GroupLicensesReader.DISABLED_PLANS);
        int assignedBy = file.column(ASSIGNED_BY);
        SharedStrings shared = new SharedStrings();
        LastUser last = new LastUser(builder);
        UnheldProducts unheld = new UnheldProducts("row", "Use a catalog that lists it (job key 'catalog'), or "
                + "name the product by its String_Id or SKU GUID.");
        for (CsvRecord r : file) {
            String who = r.get(user);
            if (who.isEmpty()) {
                rows.missingValue(r.line(), USER);
                continue;
            }
            int index = last.index(who);
            if (index < 0) {
                String skuId = Skus.byId(builder.catalog(), r.get(sku)).map(Product::skuId).orElse(null);
                rows.report(r.line(), null, skuId, ErrorCode.UNKNOWN_USER, "user " + Values.quote(who)
                        + " is not in users.csv.", "Correct the user, or export users.csv and "
                        + "assignments.csv at the same time.");
                continue;
            }
            String upn = builder.upn(index);
            Optional<Product> product = Skus.resolve(builder.catalog(), builder::subscribesTo, r.get(sku), r, upn, rows,
                    unheld);
            if (product.isEmpty()) {
                continue;
            }
            String skuId = product.get().skuId();
            ServicePlanNames.Resolution plans = ServicePlanNames.resolve(r.get(disabledPlans), List.of(product.get()));
            if (!plans.ok()) {
                rows.report(r.line(), upn, skuId, ErrorCode.UNKNOWN_SERVICE_PLAN,
                        ServicePlanNames.unknownMessage(plans.unknown(), skuId), ServicePlanNames.UNKNOWN_FIX);
                continue;
            }
            if (rows.tooLong(r, upn, skuId, ASSIGNED_BY, r.get(assignedBy), InputLimit.GROUP_NAME)) {
                continue;
            }
            CurrentLicense license = new CurrentLicense(skuId, plans.plans(), shared.share(r.get(assignedBy)));
            if (!builder.addLicense(index, license)) {
                rows.report(r.line(), upn, skuId, ErrorCode.DUPLICATE_ROW, "user '" + upn + "' already has a row "
                        + "for " + skuId + " assigned by " + (license.isDirect() ? "Direct" : Values.quote(license.assignedBy()))
                        + "; only the first one is used.", "Delete the duplicate row (rows for other assignment paths "
                        + "of the same license are fine).");
            }
        }
        unheld.report(rows, builder::subscribesTo);
    }
}
