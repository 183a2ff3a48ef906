package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Product;

import java.util.Optional;

/** SKU cells (String_Id or SKU GUID) resolved through the catalog, with the shared report wording. */
final class Skus {

    static final Column SKU = Column.of("sku", "skuPartNumber", "String_Id", "skuId", "product", "String Id");

    private Skus() {
    }

    /** The product, or empty after reporting the row (user as resolved, may be null). */
    static Optional<Product> resolve(Catalog catalog, String cell, CsvRecord r, String user, RowProblems problems) {
        if (cell.isEmpty()) {
            problems.missingValue(r.line(), SKU);
            return Optional.empty();
        }
        Optional<Product> p = catalog.product(cell);
        if (p.isEmpty()) {
            problems.report(r.line(), user, null, ErrorCode.UNKNOWN_SKU, "product '" + cell
                    + "' is not in the catalog.", "Use the product's String_Id (e.g. ENTERPRISEPACK) or SKU "
                    + "GUID, or a catalog that lists it (job key 'catalog').");
        }
        return p;
    }
}
