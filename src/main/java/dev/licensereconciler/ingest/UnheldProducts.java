package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Keys;
import dev.licensereconciler.domain.Product;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Licenses a file names that the run cannot tell as one catalog product: unknown names (trials
 * and viral products Microsoft's catalog does not list) and display names several products share.
 * They stay on their users and take part in nothing; each distinct name is reported once, with
 * how many users hold it and where it is first seen, instead of once per user: on a tenant of
 * 100,000 users a trial everyone clicked on would otherwise be tens of thousands of rows.
 */
final class UnheldProducts {

    private static final class Seen {
        final String name;
        final int firstLine;
        final List<Product> candidates;
        int count;

        Seen(String name, int firstLine, List<Product> candidates) {
            this.name = name;
            this.firstLine = firstLine;
            this.candidates = candidates;
        }
    }

    private final String holders;
    private final String fix;
    private final Map<String, Seen> unknown = new LinkedHashMap<>();
    private final Map<String, Seen> ambiguous = new LinkedHashMap<>();

    /**
     * @param holders what one occurrence is, counted in the message ("user" for users.csv, whose row
     *                is a user; "row" for assignments.csv, where a user may have several paths)
     * @param fix     how to make such a name known in this file
     */
    UnheldProducts(String holders, String fix) {
        this.holders = holders;
        this.fix = fix;
    }

    void unknown(String name, int line) {
        unknown.computeIfAbsent(Keys.normalize(name), k -> new Seen(name, line, List.of())).count++;
    }

    void ambiguous(String name, int line, List<Product> candidates) {
        ambiguous.computeIfAbsent(Keys.normalize(name), k -> new Seen(name, line, candidates)).count++;
    }

    /** One row per distinct name, at the line it was first seen. */
    void report(RowProblems rows, Predicate<Product> owned) {
        for (Seen s : unknown.values()) {
            rows.report(s.firstLine, null, null, ErrorCode.UNKNOWN_SKU, "product " + Values.quote(s.name)
                    + " is not in the catalog; " + held(s) + " It stays on its holders and this run neither counts nor "
                    + "changes it.", fix);
        }
        for (Seen s : ambiguous.values()) {
            rows.report(s.firstLine, null, null, ErrorCode.AMBIGUOUS_PRODUCT_NAME, "product name "
                    + Values.quote(s.name) + " could be any of " + String.join(", ", s.candidates.stream()
                    .map(Product::skuId).toList()) + Skus.ambiguity(s.candidates, owned) + " " + held(s)
                    + " It stays on its holders and this run neither counts nor changes it.",
                    "Keep a subscription for only the product meant in purchases.csv, or name the product by "
                            + "its String_Id (assignments.csv does).");
        }
    }

    private String held(Seen s) {
        String what = s.count == 1 ? "1 " + holders : String.format(Locale.ROOT, "%,d %ss", s.count, holders);
        String verb = holders.equals("user") ? (s.count == 1 ? "holds" : "hold") : (s.count == 1 ? "names" : "name");
        return what + " " + verb + " it (first on line " + s.firstLine + ").";
    }
}
