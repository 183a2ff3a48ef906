package dev.licensereconciler.domain;

import java.util.Locale;

/**
 * A change a run makes to the job's record of the licenses it manages: {@code managed} true when
 * the run starts managing the user's license of the product (recorded under {@code userKey}, the
 * user's object id, or the UPN when the export has none), false when it stops (the entry recorded
 * under either {@code userKey} or {@code upn} ends).
 */
public record ManagedChange(String userKey, String upn, String sku, boolean managed) {

    static ManagedChange start(TenantUser user, String sku) {
        return new ManagedChange(key(user), lower(user.upn()), sku, true);
    }

    static ManagedChange end(TenantUser user, String sku) {
        return new ManagedChange(key(user), lower(user.upn()), sku, false);
    }

    static ManagedChange end(String userKey, String upn, String sku) {
        return new ManagedChange(userKey, upn, sku, false);
    }

    /** Lower-cased: exports differ in the casing of UPNs and GUIDs, and the record must not. */
    private static String key(TenantUser user) {
        return lower(user.objectId().isEmpty() ? user.upn() : user.objectId());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
