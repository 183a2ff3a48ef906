package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.CurrentLicense;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.TenantSnapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Graph's consumedUnits per product, as purchases.csv gives them, held until every file is read:
 * only then is it known how many users the exports show holding the product. A difference is the
 * first thing an admin should know before trusting a plan (the exports were taken at different
 * moments, or users are missing from them), so it is said once per product.
 */
final class ConsumedUnits {

    /** What the subscription rows of one product say: their consumedUnits summed, and the first row's line. */
    private static final class Stated {
        long units;
        final int line;
        /** Users holding the product in the snapshot; counted at the end. */
        int holders;

        Stated(int line) {
            this.line = line;
        }
    }

    private final Map<String, Stated> bySku = new LinkedHashMap<>();

    /** A subscription row of {@code sku} stating {@code units} consumed (Graph has one row per product). */
    void add(String sku, int units, int line) {
        bySku.computeIfAbsent(sku, s -> new Stated(line)).units += units;
    }

    /**
     * Counts each user's licenses of the stated products in one pass over the snapshot (a product
     * held through several paths is one license) and reports each product whose count differs.
     */
    void compare(TenantSnapshot snapshot, String file, List<Problem> problems) {
        if (bySku.isEmpty()) {
            return;
        }
        int users = snapshot.userCount();
        for (int u = 0; u < users; u++) {
            List<CurrentLicense> held = snapshot.licensesOf(u);
            for (int i = 0; i < held.size(); i++) {
                Stated stated = bySku.get(held.get(i).sku());
                if (stated != null && !heldBefore(held, i)) {
                    stated.holders++;
                }
            }
        }
        RowProblems rows = new RowProblems(file, problems);
        bySku.forEach((sku, stated) -> {
            if (stated.units != stated.holders) {
                rows.report(stated.line, null, sku, ErrorCode.CONSUMED_UNITS_DIFFER, "the subscriptions say "
                        + count(stated.units) + " licenses of " + sku + " are assigned in the tenant (consumedUnits), "
                        + "but the exports show " + count(stated.holders) + " users holding it. The exports were taken "
                        + "at different moments, or " + (stated.units > stated.holders
                        ? "users holding it are missing from users.csv or assignments.csv"
                        : "the subscriptions export is older than the users export")
                        + "; this run plans from what the exports show.",
                        "Export users (and assignments) and subscriptions at the same time, e.g. with the "
                        + "'snapshot' command, and run again.");
            }
        });
    }

    /** Whether an earlier path of the user's licenses already counted this product. */
    private static boolean heldBefore(List<CurrentLicense> held, int i) {
        String sku = held.get(i).sku();
        for (int j = 0; j < i; j++) {
            if (held.get(j).sku().equalsIgnoreCase(sku)) {
                return true;
            }
        }
        return false;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
