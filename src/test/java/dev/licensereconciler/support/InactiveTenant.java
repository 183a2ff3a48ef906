package dev.licensereconciler.support;

import java.nio.file.Path;

/**
 * A small tenant with an activity report, written like the real exports: Entra's users download
 * (createdDateTime, signInActivity.lastSignInDateTime) and the admin center's Microsoft 365 active
 * users report, refreshed 2026-11-28. With 90 days, ada (last Exchange activity in January) and cem
 * (never active, created in 2025) are inactive; ben is active by his sign-in, dora is new, fay uses
 * Teams; eli is inactive too but a rule gives him his EMS, so it is only reported. Nobody's E3 comes
 * from a rule (no rule names it), so its reclaimable reason can only be INACTIVE.
 */
public final class InactiveTenant {

    public static final String ACTIVITY_HEADER = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,"
            + "Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,"
            + "Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,"
            + "OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,"
            + "Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,"
            + "OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,"
            + "Yammer License Assign Date,Teams License Assign Date,Assigned Products";

    private InactiveTenant() {
    }

    /** One row of the report: the UPN and the six workload dates (Exchange … Teams), empty for none. */
    public static String activityRow(String upn, String... workloadDates) {
        String[] d = new String[6];
        for (int i = 0; i < 6; i++) {
            d[i] = i < workloadDates.length ? workloadDates[i] : "";
        }
        return "2026-11-28," + upn + ",Someone,False,,True,True,True,False,True,True," + String.join(",", d)
                + ",2025-01-10,2025-01-10,2025-01-10,,2025-01-10,2025-01-10,OFFICE 365 E3";
    }

    public static String activity() {
        return ACTIVITY_HEADER + "\n"
                + activityRow("ada@contoso.example", "2026-01-05", "", "2026-02-11") + "\n"
                + activityRow("ben@contoso.example", "2026-02-01") + "\n"
                + activityRow("cem@contoso.example") + "\n"
                + activityRow("dora@contoso.example") + "\n"
                + activityRow("eli@contoso.example", "2025-12-01") + "\n"
                + activityRow("fay@contoso.example", "", "", "", "", "", "2026-11-27") + "\n"
                + "2026-11-28,gone@contoso.example,Gone,True,2026-10-01,False,False,False,False,False,False,,,,,,,,,,,,,\n";
    }

    /** Writes the tenant into {@code dir/input} and a job file with these extra policy lines; returns the job file. */
    public static Path write(Path dir, String jobName, String policies) {
        Path input = dir.resolve("input");
        TenantFolders.write(input.resolve("users.csv"), """
                userPrincipalName,displayName,userType,accountEnabled,usageLocation,createdDateTime,signInActivity.lastSignInDateTime
                ada@contoso.example,Ada,Member,true,NL,2024-02-01T08:00:00Z,
                ben@contoso.example,Ben,Member,true,NL,2024-02-01T08:00:00Z,2026-11-20T07:31:00Z
                cem@contoso.example,Cem,Member,true,NL,2025-03-01T08:00:00Z,
                dora@contoso.example,Dora,Member,true,NL,2026-10-15T08:00:00Z,
                eli@contoso.example,Eli,Member,true,NL,2024-02-01T08:00:00Z,
                fay@contoso.example,Fay,Member,true,NL,2024-02-01T08:00:00Z,
                """);
        TenantFolders.write(input.resolve("purchases.csv"), """
                sku,quantity,status,channel,purchaser,unitPrice,currency
                ENTERPRISEPACK,10,Enabled,Admin,buyer@contoso.example,36.00,EUR
                EMS,5,Enabled,Admin,security@contoso.example,10.60,EUR
                """);
        TenantFolders.write(input.resolve("group-licenses.csv"), """
                group,sku,disabledPlans,priority
                Sales,EMS,,100
                """);
        TenantFolders.write(input.resolve("group-memberships.csv"), """
                group,member,memberType
                Sales,eli@contoso.example,User
                """);
        TenantFolders.write(input.resolve("assignments.csv"), """
                user,sku,disabledPlans,assignedBy
                ada@contoso.example,ENTERPRISEPACK,,Direct
                ben@contoso.example,ENTERPRISEPACK,,Direct
                cem@contoso.example,ENTERPRISEPACK,,Direct
                dora@contoso.example,ENTERPRISEPACK,,Direct
                eli@contoso.example,EMS,,Sales
                fay@contoso.example,ENTERPRISEPACK,,Direct
                """);
        TenantFolders.write(input.resolve("activity.csv"), activity());
        Path job = dir.resolve(jobName + ".yml");
        TenantFolders.write(job, """
                name: %s
                type: reconcile
                input: %s
                output: %s
                policies:
                  guests: deny
                  blockedAccounts: deny
                  defaultUsageLocation: ""
                  reclaim: inactive
                %s
                """.formatted(jobName, input, dir.resolve("out"), policies));
        return job;
    }
}
