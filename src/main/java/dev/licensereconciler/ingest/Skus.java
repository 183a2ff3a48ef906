package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Product;

import java.util.List;
import java.util.Optional;

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

    /** The product, or empty after reporting the row (user as resolved, may be null). */
    static Optional<Product> resolve(Catalog catalog, String cell, CsvRecord r, String user, RowProblems problems) {
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
        // A friendly name is accepted when it names exactly one product.
        List<Product> named = catalog.productsNamed(cell);
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        if (named.isEmpty()) {
            p = byAccountSkuId(catalog, cell);
            if (p.isPresent()) {
                return p;
            }
        }
        if (named.size() > 1) {
            problems.report(r.line(), user, null, ErrorCode.AMBIGUOUS_PRODUCT_NAME, "product name " + Values.quote(cell)
                    + " could be any of " + String.join(", ", named.stream().map(Product::skuId).toList()) + ".",
                    "Name the product by its String_Id instead.");
        } else {
            problems.report(r.line(), user, null, ErrorCode.UNKNOWN_SKU, "product " + Values.quote(cell)
                    + " is not in the catalog.", "Use the product's String_Id (e.g. ENTERPRISEPACK) or SKU "
                    + "GUID, or a catalog that lists it (job key 'catalog').");
        }
        return Optional.empty();
    }
}
