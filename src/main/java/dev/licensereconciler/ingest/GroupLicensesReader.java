package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseRule;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.TenantSnapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads group-licenses.csv: license rules. The same group and product may appear in several rows
 * with different plans or priorities (R2 unites them); only an exact repeat is a duplicate.
 */
public final class GroupLicensesReader {

    static final Column GROUP = Column.of("group", "groupName", "groupDisplayName", "Group name")
            .orInAnotherForm("groupId", "groupObjectId");
    static final Column DISABLED_PLANS = Column.of("disabledPlans", "disabledServicePlans", "disabledServices");
    static final Column PRIORITY = Column.of("priority");

    private static final String REMEDY = "The license rules file needs columns 'group' and 'sku' "
            + "(optional 'disabledPlans' and 'priority').";

    private GroupLicensesReader() {
    }

    public static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int group = file.require(GROUP, REMEDY);
        int sku = file.require(Skus.SKU, REMEDY);
        int disabledPlans = file.column(DISABLED_PLANS);
        int priority = file.column(PRIORITY);
        Set<String> seen = new HashSet<>();
        for (CsvRecord r : file) {
            String name = r.get(group);
            if (name.isEmpty()) {
                rows.missingValue(r.line(), GROUP);
                continue;
            }
            if (rows.tooLong(r, null, null, GROUP, name, InputLimit.GROUP_NAME)) {
                continue;
            }
            Optional<Product> product = Skus.resolve(builder.catalog(), builder::subscribesTo, r.get(sku), r, null, rows);
            if (product.isEmpty()) {
                continue;
            }
            String skuId = product.get().skuId();
            ServicePlanNames.Resolution plans = ServicePlanNames.resolve(r.get(disabledPlans), List.of(product.get()));
            if (!plans.ok()) {
                rows.report(r.line(), null, skuId, ErrorCode.UNKNOWN_SERVICE_PLAN,
                        ServicePlanNames.unknownMessage(plans.unknown(), skuId), ServicePlanNames.UNKNOWN_FIX);
                continue;
            }
            int order = LicenseRule.DEFAULT_PRIORITY;
            if (!r.get(priority).isEmpty()) {
                Integer p = Values.integer(r.get(priority));
                if (p == null) {
                    rows.report(r.line(), null, skuId, ErrorCode.INVALID_ROW, "priority " + Values.quote(r.get(priority))
                            + (Values.digitsOnly(r.get(priority)) ? " is out of range: priorities run from "
                            + String.format(Locale.ROOT, "%,d to %,d.", Integer.MIN_VALUE, Integer.MAX_VALUE) : " is not a whole number."), "Write a whole number (lower goes first) or leave it "
                            + "empty for " + LicenseRule.DEFAULT_PRIORITY + ".");
                    continue;
                }
                order = p;
            }
            LicenseRule rule = new LicenseRule(name, skuId, plans.plans(), order);
            String key = name.toLowerCase(Locale.ROOT) + '\n' + skuId + '\n' + plans.plans() + '\n' + order;
            if (!seen.add(key)) {
                rows.report(r.line(), null, skuId, ErrorCode.DUPLICATE_ROW, "this rule for group " + Values.quote(name)
                        + " repeats an earlier row.", "Delete the duplicate row.");
                continue;
            }
            builder.addRule(rule);
        }
    }
}
