package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Microsoft's "Product names and service plan identifiers for licensing" CSV, one row per
 * (product, service plan). The real file's quirks (BOM or Windows-1252 bytes, trailing spaces in
 * String_Id, repeated display names) are handled by CsvFile and the Catalog builder.
 */
public final class CatalogReader {

    static final Column DISPLAY_NAME = Column.of("Product_Display_Name", "productDisplayName", "Product name");
    static final Column STRING_ID = Column.of("String_Id", "skuPartNumber", "sku");
    static final Column GUID = Column.of("GUID", "skuId");
    static final Column PLAN_NAME = Column.of("Service_Plan_Name", "servicePlanName");
    static final Column PLAN_ID = Column.of("Service_Plan_Id", "servicePlanId");
    static final Column PLAN_FRIENDLY = Column.of("Service_Plans_Included_Friendly_Names",
            "Service_Plan_Friendly_Name", "servicePlanFriendlyName");

    private static final String REMEDY = "Download 'Product names and service plan identifiers for "
            + "licensing' (CSV) from Microsoft Learn and point the job key 'catalog' at it.";

    private CatalogReader() {
    }

    public static Catalog read(CsvFile file, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int displayName = file.require(DISPLAY_NAME, REMEDY);
        int stringId = file.require(STRING_ID, REMEDY);
        int guid = file.column(GUID);
        int planName = file.column(PLAN_NAME);
        int planId = file.column(PLAN_ID);
        int planFriendly = file.column(PLAN_FRIENDLY);
        Catalog.Builder builder = Catalog.builder();
        // Joined length of each product's distinct plan names, which bounds every stored plan list.
        Map<String, Integer> plansLength = new HashMap<>();
        Set<String> plansSeen = new HashSet<>();
        for (CsvRecord r : file) {
            String sku = r.get(stringId);
            if (sku.isEmpty()) {
                rows.missingValue(r.line(), STRING_ID);
                continue;
            }
            if (rows.tooLong(r, null, null, STRING_ID, sku, InputLimit.SKU)
                    || rows.tooLong(r, null, null, DISPLAY_NAME, r.get(displayName), InputLimit.PRODUCT_NAME)) {
                continue;
            }
            String plan = r.get(planName);
            String key = sku.toUpperCase(Locale.ROOT);
            if (!plan.isEmpty() && plansSeen.add(key + '\n' + plan)) {
                int joined = plansLength.getOrDefault(key, -1) + 1 + plan.length();
                if (joined > InputLimit.PRODUCT_PLANS.max()) {
                    rows.report(r.line(), ErrorCode.INVALID_ROW, "with service plan " + Values.quote(plan)
                            + " the plan names of product '" + sku + "' add up to " + String.format(Locale.ROOT, "%,d", joined)
                            + " characters, more than the limit of " + InputLimit.PRODUCT_PLANS.describe() + " ("
                            + InputLimit.PRODUCT_PLANS.why() + ").", "Correct the plan name, or use Microsoft's "
                            + "own file; the row is skipped until then.");
                    continue;
                }
                plansLength.put(key, joined);
            }
            String name = r.get(displayName).isEmpty() ? sku : r.get(displayName);
            builder.row(name, sku, r.get(guid), plan, r.get(planId), r.get(planFriendly));
        }
        return builder.build();
    }
}
