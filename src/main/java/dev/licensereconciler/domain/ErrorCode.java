package dev.licensereconciler.domain;

/** The error codes of the product contract (§6); the order of the R6 checks is {@link ChangeChecks}'s. */
public enum ErrorCode {
    COUNT_VIOLATION,
    MUTUALLY_EXCLUSIVE_VIOLATION,
    DEPENDENCY_VIOLATION,
    USAGE_LOCATION_MISSING,
    GUEST_NOT_ALLOWED,
    ACCOUNT_BLOCKED,
    SELF_SERVICE_SUBSCRIPTION,
    SUBSCRIPTION_INACTIVE,
    UNKNOWN_USER,
    UNKNOWN_SKU,
    UNKNOWN_SERVICE_PLAN,
    AMBIGUOUS_PRODUCT_NAME,
    NESTED_GROUP_NOT_SUPPORTED,
    NOT_ASSIGNED,
    INHERITED_LICENSE,
    INVALID_ROW,
    DUPLICATE_ROW,
    MISSING_COLUMN,
    /** A license path Entra itself holds in state Error (tenant-license-errors.csv of a snapshot). */
    TENANT_LICENSE_ERROR,
    /**
     * A purchases.csv row's consumedUnits (Graph's count of assigned licenses) differs from the users
     * the exports show holding the product: said once per product.
     */
    CONSUMED_UNITS_DIFFER,
    /** Subscriptions that apply to the company, not to users (Graph's appliesTo Company): said once per file. */
    NOT_FOR_USERS,
    /**
     * A license rule row whose group and product could be read but not the rest: the licenses of that
     * product for that group's members are kept unchanged for the run (a typo must not remove them).
     */
    RULE_UNREADABLE,
    /** Reclaimable reason only (results.csv code of a kept license); never an error row. */
    NOT_ENTITLED,
    /**
     * Reclaimable reason only: a direct path of a license an inherited (Entra group) path already
     * holds; removing it frees no seat (Microsoft's migration guidance for group-based licensing).
     */
    ALSO_DIRECT,
    /** Reclaimable reason only: the user showed no activity for the job's inactiveDays (activity.csv). */
    INACTIVE;
}
