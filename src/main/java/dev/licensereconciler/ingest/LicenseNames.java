package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.Product;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splits the admin center's Licenses cell ("Microsoft 365 E3+Enterprise Mobility + Security E3")
 * into products. '+' both joins names and occurs inside them, so after splitting at every '+' the
 * longest run of pieces that is a catalog display name wins (greedy, longest first).
 */
final class LicenseNames {

    /** What became of one name in the cell. */
    interface Listener {
        void product(Product product);

        void unknown(String name);

        void ambiguous(String name, List<Product> candidates);
    }

    /** No real product name holds more than a few '+' signs; bounds the work on junk cells. */
    private static final int MAX_PIECES = 4;

    private LicenseNames() {
    }

    static boolean isNone(String cell) {
        return cell.isBlank() || cell.strip().equalsIgnoreCase("Unlicensed");
    }

    static void resolve(String cell, Catalog catalog, Predicate<Product> owned, Listener listener) {
        if (isNone(cell)) {
            return;
        }
        String[] pieces = cell.split("\\+", -1);
        int i = 0;
        while (i < pieces.length) {
            if (pieces[i].isBlank()) {
                i++;
                continue;
            }
            int matchedEnd = -1;
            for (int j = Math.min(pieces.length - 1, i + MAX_PIECES - 1); j >= i && matchedEnd < 0; j--) {
                String candidate = String.join("+", Arrays.copyOfRange(pieces, i, j + 1)).strip();
                List<Product> found = lookup(candidate, catalog, owned, j == i);
                if (found.size() == 1) {
                    listener.product(found.get(0));
                    matchedEnd = j;
                } else if (found.size() > 1) {
                    listener.ambiguous(candidate, found);
                    matchedEnd = j;
                }
            }
            if (matchedEnd < 0) {
                listener.unknown(pieces[i].strip());
                i++;
            } else {
                i = matchedEnd + 1;
            }
        }
    }

    private static List<Product> lookup(String name, Catalog catalog, Predicate<Product> owned, boolean single) {
        List<Product> found = Skus.named(catalog, name, owned);
        if (found.isEmpty() && name.indexOf('+') >= 0) {
            // "Enterprise Mobility+Security E3": the catalog spells the inner '+' with spaces.
            found = Skus.named(catalog, name.replaceAll("\\s*\\+\\s*", " + "), owned);
        }
        if (found.isEmpty() && single) {
            // Some tools write String_Ids (or AccountSkuIds) instead of friendly names.
            found = Skus.byId(catalog, name).map(List::of).orElse(List.of());
        }
        return found;
    }
}
