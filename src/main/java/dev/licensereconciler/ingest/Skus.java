package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Product;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** SKU cells (String_Id or SKU GUID) resolved through the catalog, with the shared report wording. */
final class Skus {

    static final Column SKU = Column.of("sku", "skuPartNumber", "String_Id", "product", "String Id")
            .orInAnotherForm("skuId", "accountSkuId");

    private Skus() {
    }

    /**
     * The product of an AccountSkuId ("contoso:ENTERPRISEPACK"), as MSOnline and older exports name
     * products: the tenant's prefix is ignored. Tried only after String_Id, GUID and display name.
     */
    static Optional<Product> byAccountSkuId(Catalog catalog, String cell) {
        int colon = cell.lastIndexOf(':');
        if (colon <= 0 || colon == cell.length() - 1) {
            return Optional.empty();
        }
        return catalog.product(cell.substring(colon + 1).strip());
    }

    /** The product by String_Id, GUID or AccountSkuId; empty otherwise. */
    static Optional<Product> byId(Catalog catalog, String cell) {
        Optional<Product> p = catalog.product(cell);
        return p.isPresent() ? p : byAccountSkuId(catalog, cell);
    }

    /** Nothing is owned yet: purchases.csv itself, read before anything says what the tenant owns. */
    static final Predicate<Product> NOTHING_OWNED = p -> false;

    /**
     * The products a display name may mean, narrowed to the one the tenant has a subscription for
     * when several share the name (Microsoft gives "Microsoft 365 Business Basic" to two products);
     * unchanged when several or none of them are owned, since then the name does not settle it.
     */
    static List<Product> named(Catalog catalog, String name, Predicate<Product> owned) {
        List<Product> named = catalog.productsNamed(name);
        if (named.size() < 2) {
            return named;
        }
        List<Product> mine = named.stream().filter(owned).toList();
        return mine.size() == 1 ? mine : named;
    }

    /**
     * The product, or empty after reporting the row (user as resolved, may be null); a display name
     * shared by several products resolves to the one the tenant owns ({@link #named}).
     */
    static Optional<Product> resolve(Catalog catalog, Predicate<Product> owned, String cell, CsvRecord r, String user,
                                     RowProblems problems) {
        return resolve(catalog, owned, cell, r, user, problems, null);
    }

    /**
     * As {@link #resolve(Catalog, Predicate, String, CsvRecord, String, RowProblems)}, but a name
     * that is unknown or ambiguous goes to {@code unheld} (reported once per name) when given: a
     * license of the tenant, not an instruction of the admin.
     */
    static Optional<Product> resolve(Catalog catalog, Predicate<Product> owned, String cell, CsvRecord r, String user,
                                     RowProblems problems, UnheldProducts unheld) {
        if (cell.isEmpty()) {
            problems.missingValue(r.line(), user, SKU);
            return Optional.empty();
        }
        // A product is named by String_Id, GUID or display name, none longer than a display name may be.
        if (problems.tooLong(r, user, null, SKU, cell, InputLimit.PRODUCT_NAME)) {
            return Optional.empty();
        }
        Optional<Product> p = catalog.product(cell);
        if (p.isPresent()) {
            return p;
        }
        // A friendly name is accepted when it names exactly one product, or one the tenant owns.
        List<Product> named = named(catalog, cell, owned);
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        if (named.isEmpty()) {
            p = byAccountSkuId(catalog, cell);
            if (p.isPresent()) {
                return p;
            }
        }
        if (unheld != null) {
            if (named.size() > 1) {
                unheld.ambiguous(cell, r.line(), named);
            } else {
                unheld.unknown(cell, r.line());
            }
        } else if (named.size() > 1) {
            problems.report(r.line(), user, null, ErrorCode.AMBIGUOUS_PRODUCT_NAME, "product name " + Values.quote(cell)
                    + " could be any of " + String.join(", ", named.stream().map(Product::skuId).toList())
                    + ambiguity(named, owned), "Name the product by its String_Id instead.");
        } else {
            problems.report(r.line(), user, null, ErrorCode.UNKNOWN_SKU, "product " + Values.quote(cell)
                    + " is not in the catalog.", "Use the product's String_Id (e.g. ENTERPRISEPACK) or SKU "
                    + "GUID, or a catalog that lists it (job key 'catalog').");
        }
        return Optional.empty();
    }

    /** Why ownership did not settle a shared display name, as the end of a sentence. */
    static String ambiguity(List<Product> named, Predicate<Product> owned) {
        long mine = named.stream().filter(owned).count();
        if (owned == NOTHING_OWNED) {
            return ".";
        }
        return mine == 0 ? "; purchases.csv has a subscription for none of them." : "; purchases.csv has "
                + "subscriptions for " + mine + " of them.";
    }
}
