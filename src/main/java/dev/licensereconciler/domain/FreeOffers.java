package dev.licensereconciler.domain;

import java.util.Locale;
import java.util.Set;

/**
 * Microsoft's no-cost offers: free plans, viral self-sign-ups and individual trials, which Graph's
 * subscribedSkus lists beside paid subscriptions with 10,000 or 1,000,000 units and no price.
 * Seats of theirs that nobody holds cost nothing, so no one should be told to cut them. A price in
 * purchases.csv overrides the list: the admin knows what the tenant pays.
 */
public final class FreeOffers {

    private static final Set<String> SKUS = Set.of(
            "FLOW_FREE",                 // Microsoft Power Automate Free
            "POWER_BI_STANDARD",         // Microsoft Fabric (Free), formerly Power BI (free)
            "POWERAPPS_VIRAL",           // Microsoft Power Apps Plan 2 Trial
            "POWERAPPS_DEV",             // Microsoft Power Apps for Developer
            "CCIBOTS_PRIVPREV_VIRAL",    // Microsoft Copilot Studio Viral Trial
            "STREAM",                    // Microsoft Stream Trial
            "TEAMS_EXPLORATORY",         // Microsoft Teams Exploratory
            "TEAMS_FREE",                // Microsoft Teams (free)
            "FORMS_PRO",                 // Dynamics 365 Customer Voice Trial
            "RIGHTSMANAGEMENT_ADHOC",    // Rights Management Adhoc
            "MICROSOFT_BUSINESS_CENTER", // Microsoft Business Center
            "POWER_PAGES_VTRIAL_FOR_MAKERS");

    private FreeOffers() {
    }

    public static boolean isFree(String sku) {
        return SKUS.contains(sku.toUpperCase(Locale.ROOT));
    }
}
