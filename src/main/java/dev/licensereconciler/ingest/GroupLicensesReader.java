package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseRule;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Product;
import dev.licensereconciler.domain.ServicePlan;
import dev.licensereconciler.domain.TenantSnapshot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Reads group-licenses.csv: license rules. The same group and product may appear in several rows
 * with different plans or priorities (R2 unites them); only an exact repeat is a duplicate.
 */
public final class GroupLicensesReader {

    static final Column GROUP = Column.of("group", "groupName", "groupDisplayName", "Group name")
            .orInAnotherForm("groupId", "groupObjectId");
    static final Column DISABLED_PLANS = Column.of("disabledPlans", "disabledServicePlans", "disabledServices");
    /**
     * The plans to turn on, the alternative to disabledPlans: every other plan of the product is off,
     * also one a newer catalog adds. Licensing scripts keep rules as "Group,SKU,Plans", Plans being
     * the enabled list.
     */
    static final Column ENABLED_PLANS = Column.of("enabledPlans", "enabledServicePlans", "enabledServices", "plans");
    static final Column PRIORITY = Column.of("priority");

    private static final String REMEDY = "The license rules file needs columns 'group' and 'sku' "
            + "(optional 'disabledPlans' or 'enabledPlans', and 'priority').";

    private GroupLicensesReader() {
    }

    public static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int group = file.require(GROUP, REMEDY);
        int sku = file.require(Skus.SKU, REMEDY);
        int disabledPlans = file.column(DISABLED_PLANS);
        int enabledPlans = file.column(ENABLED_PLANS);
        int priority = file.column(PRIORITY);
        Set<String> seen = new HashSet<>();
        for (CsvRecord r : file) {
            String name = r.get(group);
            if (name.isEmpty()) {
                rows.missingValue(r.line(), GROUP);
                rows.amendLast(" " + NOTHING_FROZEN);
                continue;
            }
            if (rows.tooLong(r, null, null, GROUP, name, InputLimit.GROUP_NAME)) {
                rows.amendLast(" " + NOTHING_FROZEN);
                continue;
            }
            int before = problems.size();
            Optional<Product> product = Skus.resolve(builder.catalog(), builder::subscribesTo, r.get(sku), r, null, rows);
            if (product.isEmpty()) {
                // An unknown product's licenses do not resolve either, so none of them can be removed; a name
                // shared by several products does name licenses that then lack their rule.
                if (problems.size() > before && problems.get(problems.size() - 1).code() != ErrorCode.UNKNOWN_SKU) {
                    rows.amendLast(" " + NOTHING_FROZEN);
                }
                continue;
            }
            String skuId = product.get().skuId();
            Frozen frozen = new Frozen(rows, builder, r.line(), name, skuId);
            String off = r.get(disabledPlans);
            String on = r.get(enabledPlans);
            if (!off.isEmpty() && !on.isEmpty()) {
                frozen.report(ErrorCode.INVALID_ROW, "the row gives both disabledPlans (" + Values.quote(off)
                        + ") and enabledPlans (" + Values.quote(on) + "); a rule gives one or the other.",
                        "Keep one of them: enabledPlans lists the plans to turn on, disabledPlans the plans to turn off.");
                continue;
            }
            ServicePlanNames.Resolution plans = ServicePlanNames.resolve(on.isEmpty() ? off : on, List.of(product.get()));
            if (!plans.ok()) {
                frozen.report(ErrorCode.RULE_UNREADABLE, ServicePlanNames.unknownMessage(plans.unknown(), skuId),
                        ServicePlanNames.UNKNOWN_FIX);
                continue;
            }
            SortedSet<String> disabled = on.isEmpty() ? plans.plans() : allBut(product.get(), plans.plans());
            int order = LicenseRule.DEFAULT_PRIORITY;
            if (!r.get(priority).isEmpty()) {
                Integer p = Values.integer(r.get(priority));
                if (p == null) {
                    frozen.report(ErrorCode.RULE_UNREADABLE, "priority " + Values.quote(r.get(priority))
                            + (Values.digitsOnly(r.get(priority)) ? " is out of range: priorities run from "
                            + String.format(Locale.ROOT, "%,d to %,d.", Integer.MIN_VALUE, Integer.MAX_VALUE) : " is not a whole number."), "Write a whole number (lower goes first) or leave it "
                            + "empty for " + LicenseRule.DEFAULT_PRIORITY + ".");
                    continue;
                }
                order = p;
            }
            LicenseRule rule = new LicenseRule(name, skuId, disabled, order);
            String key = name.toLowerCase(Locale.ROOT) + '\n' + skuId + '\n' + disabled + '\n' + order;
            if (!seen.add(key)) {
                rows.report(r.line(), null, skuId, ErrorCode.DUPLICATE_ROW, "this rule for group " + Values.quote(name)
                        + " repeats an earlier row.", "Delete the duplicate row.");
                continue;
            }
            builder.addRule(rule);
        }
    }

    private static final String NOTHING_FROZEN = "Without its group and product the rule cannot be kept in force: "
            + "licenses it manages are planned as if the row did not exist, and may be removed.";

    /** Every plan of the product except the enabled ones: what an enabledPlans rule turns off. */
    private static SortedSet<String> allBut(Product product, SortedSet<String> enabled) {
        List<String> off = new ArrayList<>();
        for (ServicePlan plan : product.plans()) {
            if (!enabled.contains(plan.name())) {
                off.add(plan.name());
            }
        }
        return Plans.copy(off);
    }

    /**
     * A rule row whose group and product were read but not the rest: reported, and its (group,
     * product) frozen, so that a typo does not remove the licenses the rule manages.
     */
    private record Frozen(RowProblems rows, TenantSnapshot.Builder builder, int line, String group, String sku) {
        void report(ErrorCode code, String message, String fix) {
            rows.report(line, null, sku, code, message + " The licenses of " + sku + " of the members of group "
                    + Values.quote(group) + " are kept unchanged this run (none is assigned, updated or removed).",
                    fix + " The rule applies again once the row can be read.");
            builder.freezeRule(group, sku);
        }
    }
}
