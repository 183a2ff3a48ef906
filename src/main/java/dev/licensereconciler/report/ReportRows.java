package dev.licensereconciler.report;

import dev.licensereconciler.domain.CostLine;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseResult;
import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ProductAction;
import dev.licensereconciler.domain.Recommendation;
import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.domain.SubscriptionStatus;
import dev.licensereconciler.domain.SurplusSeats;
import dev.licensereconciler.report.ReportLayout.Column;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.SortedSet;

/**
 * The outputs of a run (§5, and the savings of issue 13): their layouts, for the CSV files and the run's tables alike,
 * and the rows they are written from.
 */
public final class ReportRows {

    /** A department or usage location as LR_COST keeps it; the file keeps it whole. */
    public static final int GROUP_KEY_LENGTH = 400;

    /** Statuses as Graph and purchases.csv spell them. */
    private static final Map<SubscriptionStatus, String> STATUS_NAMES = Map.of(SubscriptionStatus.ENABLED, "Enabled",
            SubscriptionStatus.WARNING, "Warning", SubscriptionStatus.SUSPENDED, "Suspended",
            SubscriptionStatus.DELETED, "Deleted", SubscriptionStatus.LOCKED_OUT, "LockedOut");

    /** One row of actions.csv and LR_ACTION: a product action spelled out for one of its users. */
    public record ActionRow(int batch, String sku, Operation operation, SortedSet<String> disabledPlans, String user) {
    }

    public static final ReportLayout<ActionRow> ACTIONS = new ReportLayout<>("actions.csv", "LR_ACTION", List.of(
            Column.integer("batch", "BATCH", ActionRow::batch),
            Column.text("sku", "SKU", ActionRow::sku),
            Column.text("operation", "OPERATION", r -> r.operation().name()),
            Column.text("disabledPlans", "DISABLED_PLANS", r -> plans(r.disabledPlans())),
            Column.text("user", "USER_UPN", ActionRow::user)));

    public static final ReportLayout<LicenseResult> RESULTS = new ReportLayout<>("results.csv", "LR_RESULT", List.of(
            Column.text("user", "USER_UPN", LicenseResult::user),
            Column.text("sku", "SKU", LicenseResult::sku),
            Column.text("outcome", "OUTCOME", r -> r.outcome().name()),
            Column.text("code", "CODE", r -> code(r.code())),
            Column.text("disabledPlans", "DISABLED_PLANS", r -> plans(r.disabledPlans()))));

    /** Line 0 means "no line" (a refusal): an empty cell, NULL in the table. */
    public static final ReportLayout<Problem> ERRORS = new ReportLayout<>("errors.csv", "LR_ERROR", List.of(
            Column.text("file", "FILE_NAME", Problem::file),
            Column.integer("line", "LINE_NO", p -> p.line() > 0 ? p.line() : null),
            Column.text("user", "USER_UPN", Problem::user),
            Column.text("sku", "SKU", Problem::sku),
            Column.text("code", "CODE", p -> code(p.code())),
            Column.longText("message", "MESSAGE", Problem::message),
            Column.longText("fix", "FIX", Problem::fix)));

    public static final ReportLayout<Shortfall> SHORTFALL = new ReportLayout<>("shortfall.csv", "LR_SHORTFALL", List.of(
            Column.text("sku", "SKU", Shortfall::sku),
            Column.text("product", "PRODUCT", Shortfall::product),
            Column.integer("capacity", "CAPACITY", Shortfall::capacity),
            Column.integer("assignedBefore", "ASSIGNED_BEFORE", Shortfall::assignedBefore),
            Column.integer("assignedAfter", "ASSIGNED_AFTER", Shortfall::assignedAfter),
            Column.integer("requested", "REQUESTED", Shortfall::requested),
            Column.integer("shortfall", "SHORTFALL", Shortfall::shortfall),
            Column.integer("reclaimable", "RECLAIMABLE", Shortfall::reclaimable),
            Column.longText("purchasers", "PURCHASERS", s -> String.join(";", s.purchasers())),
            Column.decimal("unitPrice", "UNIT_PRICE", Shortfall::unitPrice),
            Column.text("currency", "CURRENCY", Shortfall::currency),
            Column.decimal("shortfallCost", "SHORTFALL_COST", Shortfall::shortfallCost)));

    /** surplus.csv and LR_SURPLUS: per seat-providing subscription, the seats nobody holds and what cutting them saves. */
    public static final ReportLayout<SurplusSeats> SURPLUS = new ReportLayout<>("surplus.csv", "LR_SURPLUS", List.of(
            Column.text("sku", "SKU", SurplusSeats::sku),
            Column.text("product", "PRODUCT", SurplusSeats::product),
            Column.text("subscriptionId", "SUBSCRIPTION_ID", SurplusSeats::subscriptionId),
            Column.text("status", "STATUS", s -> STATUS_NAMES.get(s.status())),
            Column.text("term", "TERM", s -> s.term() == null ? null : s.term().name()),
            Column.text("renewalDate", "RENEWAL_DATE", s -> date(s.renewalDate())),
            Column.text("autoRenew", "AUTO_RENEW", s -> s.autoRenew() == null ? null : s.autoRenew().toString()),
            Column.text("isTrial", "TRIAL", s -> Boolean.toString(s.trial())),
            Column.integer("quantity", "QUANTITY", SurplusSeats::quantity),
            Column.integer("unused", "UNUSED", SurplusSeats::unused),
            Column.integer("cut", "CUT", SurplusSeats::cut),
            Column.text("cutBefore", "CUT_BEFORE", s -> date(s.cutBefore())),
            Column.integer("lapsing", "LAPSING", SurplusSeats::lapsing),
            Column.integer("uncovered", "UNCOVERED", SurplusSeats::uncovered),
            Column.longText("purchasers", "PURCHASERS", s -> String.join(";", s.purchasers())),
            Column.decimal("unitPrice", "UNIT_PRICE", SurplusSeats::unitPrice),
            Column.text("currency", "CURRENCY", SurplusSeats::currency),
            Column.decimal("savingPerTerm", "SAVING_PER_TERM", SurplusSeats::savingPerTerm),
            Column.decimal("savingPerYear", "SAVING_PER_YEAR", SurplusSeats::savingPerYear),
            Column.text("callout", "CALLOUT", s -> s.callout() == null ? null : s.callout().name()),
            Column.longText("note", "NOTE", SurplusSeats::note)));

    /** recommendations.csv and LR_RECOMMENDATION: licenses a user can do without (OVERLAP). */
    public static final ReportLayout<Recommendation> RECOMMENDATIONS = new ReportLayout<>("recommendations.csv",
            "LR_RECOMMENDATION", List.of(
            Column.text("code", "CODE", r -> r.kind().name()),
            Column.text("user", "USER_UPN", Recommendation::user),
            Column.text("sku", "SKU", Recommendation::sku),
            Column.text("keepSku", "KEEP_SKU", Recommendation::keepSku),
            Column.decimal("monthlySaving", "SAVING", Recommendation::monthlySaving),
            Column.text("currency", "CURRENCY", Recommendation::currency),
            Column.longText("reason", "REASON", Recommendation::reason)));

    /** costs.csv and LR_COST: the monthly cost of the licenses held after the run, by department, location, product. */
    public static final ReportLayout<CostLine> COSTS = new ReportLayout<>("costs.csv", "LR_COST", List.of(
            Column.text("dimension", "DIMENSION", c -> c.dimension().name()),
            new Column<>("key", "GROUP_KEY", ReportLayout.Type.TEXT, CostLine::key, GROUP_KEY_LENGTH),
            Column.integer("licenses", "LICENSES", CostLine::licenses),
            Column.text("currency", "CURRENCY", CostLine::currency),
            Column.decimal("monthlyCost", "MONTHLY_COST", CostLine::monthlyCost)));

    private ReportRows() {
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /**
     * The rows of actions.csv: one per user of each action, users in the action's order. A view
     * over the actions, not a copy, so a million-user plan is split into rows only as it is read.
     */
    public static List<ActionRow> actionRows(List<ProductAction> actions) {
        return new ActionRows(actions);
    }

    /** Plain notation, never 1E+2: a spreadsheet and a diff must both read it as written. */
    public static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /**
     * The order of errors.csv (and of the run's LR_ERROR rows): problems tied to a file line (bad
     * rows, and a bulk import's refused requests) sorted by (file, line), keeping the readers'
     * order for ties; then the other refusals in their given order. A problem handed in the
     * "wrong" list still lands in its section, judged by {@link Problem#isInputError()}.
     */
    public static List<Problem> errorsInOrder(List<Problem> inputProblems, List<Problem> refusals) {
        List<Problem> input = new ArrayList<>();
        List<Problem> refused = new ArrayList<>();
        for (List<Problem> source : List.of(inputProblems, refusals)) {
            for (Problem p : source) {
                (p.isInputError() ? input : refused).add(p);
            }
        }
        input.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
        input.addAll(refused);
        return input;
    }

    /** No disabled plans is the common case: no sorted copy of an empty set. */
    private static String plans(SortedSet<String> plans) {
        return plans == null || plans.isEmpty() ? "" : Plans.join(plans);
    }

    private static String code(ErrorCode code) {
        return code == null ? null : code.name();
    }

    /** Row {@code i} is found by a binary search over the first row number of each action. */
    private static final class ActionRows extends AbstractList<ActionRow> implements RandomAccess {

        private final List<ProductAction> actions;
        private final int[] firstRow;
        private final int size;

        ActionRows(List<ProductAction> all) {
            // Actions without users have no rows; leaving them out keeps the first row numbers distinct.
            this.actions = all.stream().filter(a -> !a.users().isEmpty()).toList();
            this.firstRow = new int[actions.size()];
            int rows = 0;
            for (int i = 0; i < actions.size(); i++) {
                firstRow[i] = rows;
                rows += actions.get(i).users().size();
            }
            this.size = rows;
        }

        @Override
        public ActionRow get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("row " + index + " of " + size);
            }
            int found = Arrays.binarySearch(firstRow, index);
            int action = found >= 0 ? found : -found - 2;
            return row(actions.get(action), index - firstRow[action]);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<ActionRow> iterator() {
            return new Iterator<>() {
                private int action;
                private int user;

                @Override
                public boolean hasNext() {
                    return action < actions.size();
                }

                @Override
                public ActionRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ProductAction a = actions.get(action);
                    ActionRow row = row(a, user++);
                    if (user == a.users().size()) {
                        action++;
                        user = 0;
                    }
                    return row;
                }
            };
        }

        private static ActionRow row(ProductAction a, int user) {
            return new ActionRow(a.batch(), a.sku(), a.operation(), a.disabledPlans(), a.users().get(user));
        }
    }
}
