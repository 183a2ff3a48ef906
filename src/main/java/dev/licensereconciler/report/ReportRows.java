package dev.licensereconciler.report;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseResult;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ProductAction;
import dev.licensereconciler.domain.Shortfall;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Headers of the four CSV reports (§5) and how a domain record becomes cells. Kept apart from
 * the file handling so the batch layer can stream rows chunk by chunk with the same layout.
 */
public final class ReportRows {

    public static final List<String> ACTIONS_HEADER = List.of("batch", "sku", "operation", "disabledPlans", "user");
    public static final List<String> RESULTS_HEADER = List.of("user", "sku", "outcome", "code", "disabledPlans");
    public static final List<String> ERRORS_HEADER = List.of("file", "line", "user", "sku", "code", "message", "fix");
    public static final List<String> SHORTFALL_HEADER = List.of("sku", "product", "capacity", "assignedBefore",
            "assignedAfter", "requested", "shortfall", "reclaimable", "purchasers", "unitPrice", "currency",
            "shortfallCost");

    private ReportRows() {
    }

    /** One row per user of the action, users in the action's order. */
    public static List<List<String>> action(ProductAction action) {
        List<List<String>> rows = new ArrayList<>(action.users().size());
        String batch = Integer.toString(action.batch());
        String plans = Plans.join(action.disabledPlans());
        for (String user : action.users()) {
            rows.add(List.of(batch, action.sku(), action.operation().name(), plans, user));
        }
        return rows;
    }

    public static List<String> result(LicenseResult r) {
        return List.of(r.user(), r.sku(), r.outcome().name(), code(r.code()), Plans.join(r.disabledPlans()));
    }

    /** Line 0 means "no line" (a refusal) and is written empty. */
    public static List<String> error(Problem p) {
        return List.of(p.file(), p.line() == 0 ? "" : Integer.toString(p.line()), p.user(), p.sku(), code(p.code()),
                p.message(), p.fix());
    }

    public static List<String> shortfall(Shortfall s) {
        return List.of(text(s.sku()), text(s.product()), Integer.toString(s.capacity()),
                Integer.toString(s.assignedBefore()), Integer.toString(s.assignedAfter()),
                Integer.toString(s.requested()), Integer.toString(s.shortfall()), Integer.toString(s.reclaimable()),
                String.join(";", s.purchasers()), decimal(s.unitPrice()), text(s.currency()),
                decimal(s.shortfallCost()));
    }

    /** Plain notation, never 1E+2: a spreadsheet and a diff must both read it as written. */
    public static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String code(ErrorCode code) {
        return code == null ? "" : code.name();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /**
     * The order of errors.csv (and of the run's LR_ERROR rows): problems tied to a file line (bad
     * rows, and a bulk import's refused requests) sorted by (file, line), keeping the readers'
     * order for ties; then the other refusals in their given order. A problem handed in the
     * "wrong" list still lands in its section, judged by {@link Problem#isInputError()}.
     */
    public static List<Problem> errorsInOrder(List<Problem> inputProblems, List<Problem> refusals) {
        List<Problem> input = new java.util.ArrayList<>();
        List<Problem> refused = new java.util.ArrayList<>();
        for (List<Problem> source : List.of(inputProblems, refusals)) {
            for (Problem p : source) {
                (p.isInputError() ? input : refused).add(p);
            }
        }
        input.sort(java.util.Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
        input.addAll(refused);
        return input;
    }
}
