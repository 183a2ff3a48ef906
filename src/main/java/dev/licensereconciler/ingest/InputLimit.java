package dev.licensereconciler.ingest;

import java.util.List;
import java.util.Locale;

/**
 * The largest values the readers accept, each named once. A value the run later stores must fit
 * its database column (db/migration/{h2,mysql}/V3__license_reconciler.sql), and a value that is
 * longer than Microsoft's own limit cannot come from a real export; the readers report either as a
 * bad row when they read it, so that no value fails a store step later. {@code InputLimitTest}
 * reads both migration scripts and fails when a limit and its columns disagree.
 *
 * <p>{@code columns} are the columns the value is stored in ("TABLE.COLUMN", plus " precision" or
 * " scale" for a DECIMAL); {@code columnIsTheLimit} says whether the limit is the column's own size
 * (then the two must be equal) or a stricter outside rule (then it must be smaller).
 */
public enum InputLimit {

    /**
     * Microsoft Entra allows at most 113 characters in a user principal name (64 before the '@', 48
     * after): "Password policies and account restrictions in Microsoft Entra ID", Username policies,
     * https://learn.microsoft.com/entra/identity/authentication/concept-sspr-policy#username-policies
     * (MicrosoftDocs/entra-docs, docs/identity/authentication/concept-sspr-policy.md). Only the
     * total is checked: it is what the columns need, and the split is Entra's to enforce.
     */
    USER_PRINCIPAL_NAME(113, "characters", "Microsoft Entra's limit for a user principal name", false,
            "LR_ACTION.USER_UPN", "LR_RESULT.USER_UPN", "LR_ERROR.USER_UPN", "LR_RECOMMENDATION.USER_UPN"),

    /** A product's String_Id, which every stored row names its product by. */
    SKU(100, "characters", "the longest String_Id the run can store", true,
            "LR_ACTION.SKU", "LR_RESULT.SKU", "LR_ERROR.SKU", "LR_SHORTFALL.SKU", "LR_SURPLUS.SKU",
            "LR_RECOMMENDATION.SKU", "LR_RECOMMENDATION.KEEP_SKU"),

    /** A product's display name, stored with its shortfall. */
    PRODUCT_NAME(400, "characters", "the longest product name the run can store", true, "LR_SHORTFALL.PRODUCT",
            "LR_SURPLUS.PRODUCT"),

    /**
     * All service plans of one product joined with ';': the disabled plans of any license are a
     * subset of them, so checking each product of the catalog once bounds every stored list.
     */
    PRODUCT_PLANS(4000, "characters", "the longest list of service plans the run can store", true,
            "LR_ACTION.DISABLED_PLANS", "LR_RESULT.DISABLED_PLANS"),

    /**
     * Microsoft Graph: a group's displayName has at most 256 characters,
     * https://learn.microsoft.com/graph/api/group-post-groups (request body). Group names are not
     * stored in a column of their own, but they are quoted in messages and held per rule and member.
     */
    GROUP_NAME(256, "characters", "Microsoft Entra's limit for a group name", false),

    /**
     * One purchaser address: RFC 5321 (4.5.3.1.3) allows a path of 256 octets including the angle
     * brackets, so an address has at most 254. Each shortfall mail goes to one purchaser.
     */
    PURCHASER_ADDRESS(254, "characters", "the longest e-mail address the mail standard allows", false,
            "LR_SHORTFALL.PURCHASERS", "LR_MAIL.RECIPIENTS"),

    /** ISO 4217 codes have three letters; the column allows a few more for codes written out. */
    CURRENCY(10, "characters", "the longest currency code the run can store", true, "LR_SHORTFALL.CURRENCY",
            "LR_SURPLUS.CURRENCY", "LR_RECOMMENDATION.CURRENCY", "LR_COST.CURRENCY"),

    /** Digits of a unit price in all, the cents included. */
    UNIT_PRICE_DIGITS(14, "digits", "the largest price the run can store", true,
            "LR_SHORTFALL.UNIT_PRICE precision", "LR_SURPLUS.UNIT_PRICE precision", "LR_RECOMMENDATION.SAVING precision"),

    /** Digits of a unit price after the decimal mark: prices are stored to the cent. */
    UNIT_PRICE_DECIMALS(2, "decimals", "prices are stored to the cent", true, "LR_SHORTFALL.UNIT_PRICE scale",
            "LR_SURPLUS.UNIT_PRICE scale", "LR_RECOMMENDATION.SAVING scale"),

    /** A subscription's id (a GUID in real exports), stored with its surplus seats. */
    SUBSCRIPTION_ID(100, "characters", "the longest subscription id the run can store", true,
            "LR_SURPLUS.SUBSCRIPTION_ID"),

    /** Renewal dates are stored as DATE, which both databases hold up to the year 9999. */
    RENEWAL_YEAR(9999, "", "the last year a DATE column holds", false),

    /** A quantity, and the seats of one product summed over its subscriptions (its capacity). */
    SEATS(Integer.MAX_VALUE, "seats", "the largest count the run can store", true, "LR_SHORTFALL.CAPACITY",
            "LR_SURPLUS.QUANTITY"),

    /** The line a bad row is reported on. */
    LINE(Integer.MAX_VALUE, "lines", "the largest line number the run can store", true, "LR_ERROR.LINE_NO"),

    /** An input file's name (Windows' classic MAX_PATH is also 260). */
    FILE_NAME(260, "characters", "the longest file name the run can store", true, "LR_ERROR.FILE_NAME"),

    /**
     * The header line: real export headers (the admin center's 31 columns, Entra's user download)
     * have well under a thousand characters, so a longer first line is not a header; it is read
     * whole before the separator is known.
     */
    HEADER_LINE(64 * 1024, "characters", "no export has a longer header", false);

    private final int max;
    private final String unit;
    private final String why;
    private final boolean columnIsTheLimit;
    private final List<String> columns;

    InputLimit(int max, String unit, String why, boolean columnIsTheLimit, String... columns) {
        this.max = max;
        this.unit = unit;
        this.why = why;
        this.columnIsTheLimit = columnIsTheLimit;
        this.columns = List.of(columns);
    }

    public int max() {
        return max;
    }

    /** "113 characters", as messages state the limit. */
    String describe() {
        return String.format(Locale.ROOT, "%,d", max) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** Why the limit exists, for the message: "Microsoft Entra's limit for a user principal name". */
    String why() {
        return why;
    }

    boolean columnIsTheLimit() {
        return columnIsTheLimit;
    }

    List<String> columns() {
        return columns;
    }
}
