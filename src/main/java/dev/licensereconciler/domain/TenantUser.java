package dev.licensereconciler.domain;

/**
 * A user from users.csv. {@code upn} keeps the export's casing (outputs use it); lookups are
 * case-insensitive. {@code usageLocation} is empty when the user has none.
 */
public record TenantUser(String upn, String displayName, String objectId, boolean guest, boolean blocked,
                         String usageLocation) {

    public TenantUser {
        displayName = displayName == null ? "" : displayName;
        objectId = objectId == null ? "" : objectId;
        usageLocation = usageLocation == null ? "" : usageLocation.trim();
    }

    public boolean hasUsageLocation() {
        return !usageLocation.isEmpty();
    }
}
