package dev.licensereconciler.domain;

import java.math.BigDecimal;

/**
 * One row of costs.csv: what the licenses held after the run cost a month, for one department,
 * usage location or product. Each license is priced at its product's unit price, the one
 * shortfall.csv shows, so the three groupings add up to the same total per currency. Licenses of
 * products without a price are counted in a row of their own with no currency and no cost.
 */
public record CostLine(Dimension dimension, String key, int licenses, String currency, BigDecimal monthlyCost) {

    /** What a row groups by; users.csv's Department and Usage location, and the product's String_Id. */
    public enum Dimension {
        DEPARTMENT, USAGE_LOCATION, PRODUCT
    }
}
