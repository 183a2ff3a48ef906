package dev.licensereconciler.domain;

import java.math.BigDecimal;

/**
 * One row of recommendations.csv: a license a user can do without. {@code OVERLAP}: every enabled
 * service of {@code sku} is also given by the user's {@code keepSku} license (same plan, or a
 * higher tier of it), so dropping {@code sku} saves its unit price a month and takes nothing away.
 *
 * @param monthlySaving the unit price of {@code sku}; null when no purchase states one
 */
public record Recommendation(Kind kind, String user, String sku, String product, String keepSku, String keepProduct,
                             BigDecimal monthlySaving, String currency) {

    /** The kinds of recommendation; more may follow. */
    public enum Kind {
        OVERLAP
    }

    /** Why, in the admin's words. */
    public String reason() {
        return keepProduct + " (" + keepSku + ") already gives every enabled service of " + product + " (" + sku
                + "): remove " + sku + " from this user.";
    }
}
