package dev.licensereconciler.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Formats engine records as the CSV lines of §5, for comparing with expected files. */
final class CsvLines {

    private CsvLines() {
    }

    static List<String> actions(ReconciliationResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("batch,sku,operation,disabledPlans,user");
        for (ProductAction a : r.actions()) {
            for (String user : a.users()) {
                lines.add(a.batch() + "," + a.sku() + "," + a.operation() + "," + Plans.join(a.disabledPlans()) + ","
                        + user);
            }
        }
        return lines;
    }

    static List<String> results(ReconciliationResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("user,sku,outcome,code,disabledPlans");
        for (LicenseResult x : r.results()) {
            lines.add(x.user() + "," + x.sku() + "," + x.outcome() + "," + (x.code() == null ? "" : x.code()) + ","
                    + Plans.join(x.disabledPlans()));
        }
        return lines;
    }

    static List<String> refusals(ReconciliationResult r) {
        List<String> lines = new ArrayList<>();
        for (Problem p : r.refusals()) {
            lines.add(p.file() + "," + (p.line() == 0 ? "" : p.line()) + "," + p.user() + "," + p.sku() + "," + p.code());
        }
        return lines;
    }

    static List<String> shortfall(ReconciliationResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("sku,product,capacity,assignedBefore,assignedAfter,requested,shortfall,reclaimable,purchasers,"
                + "unitPrice,currency,shortfallCost");
        for (Shortfall s : r.shortfalls()) {
            lines.add(String.join(",", s.sku(), s.product(), "" + s.capacity(), "" + s.assignedBefore(),
                    "" + s.assignedAfter(), "" + s.requested(), "" + s.shortfall(), "" + s.reclaimable(),
                    String.join(";", s.purchasers()), plain(s.unitPrice()), s.currency() == null ? "" : s.currency(),
                    plain(s.shortfallCost())));
        }
        return lines;
    }

    private static String plain(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }
}
