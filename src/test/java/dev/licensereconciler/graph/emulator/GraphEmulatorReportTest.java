package dev.licensereconciler.graph.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.licensereconciler.graph.emulator.EmulatedTenant.Workload;
import dev.licensereconciler.graph.emulator.EmulatorClient.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The usage report and sign-in activity as Graph serves them: getOffice365ActiveUserDetail answers 302 to a
 * short-lived pre-authenticated download (a BOM, the documented columns, one row per user from the tenant's
 * state), 403 without Reports.Read.All, hashes for names when the report privacy setting conceals them;
 * signInActivity is refused without AuditLog.Read.All or a premium tenant, and pages at most 120 users.
 */
class GraphEmulatorReportTest extends SignedInEmulatorTest {

    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String EXCHANGE = "efb87545-963c-4e0d-99df-69c6916d9eb0";
    private static final String TEAMS = "57ff2da0-773e-42df-b2af-ffb7a2317929";
    private static final String REPORT = "/reports/getOffice365ActiveUserDetail(period='D180')";
    private static final String HEADER = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,"
            + "Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,"
            + "Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,"
            + "SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,"
            + "Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,"
            + "SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,"
            + "Teams License Assign Date,Assigned Products";

    @Test
    void theReportRedirectsToADownloadThatNeedsNoTokenAndListsEachUsersLastActivity() {
        emu.tenant().addSku("ENTERPRISEPACK", E3, Map.of("EXCHANGE_S_ENTERPRISE", EXCHANGE, "TEAMS1", TEAMS), 5, 0, 0,
                0, "Enabled", "User");
        String ada = emu.tenant().addUser("ada@contoso.example", "Member", true, "NL", "Sales", "NL");
        emu.tenant().addUser("ben@contoso.example", "Member", true, "NL", "Sales", "NL");
        emu.tenant().assignDirect(ada, E3, Set.of(TEAMS));
        emu.tenant().active(ada, Workload.EXCHANGE, LocalDate.of(2026, 1, 5));
        emu.tenant().active(ada, Workload.TEAMS, LocalDate.of(2026, 2, 11));
        emu.tenant().reportRefreshed(LocalDate.of(2026, 11, 28));

        Response redirect = client.get(REPORT);

        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(location).startsWith("https://127.0.0.1:");
        Response csv = client.download(location);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat((String) csv.body()).isEqualTo("\uFEFF" + HEADER + "\r\n"
                + "2026-11-28,ada@contoso.example,ada,False,,True,False,False,False,False,False,2026-01-05,,,,,2026-02-11,"
                + ",,,,,,ENTERPRISEPACK\r\n"
                + "2026-11-28,ben@contoso.example,ben,False,,False,False,False,False,False,False,,,,,,,,,,,,,\r\n");
        assertThat(emu.requests().reportDownloads()).isOne();
        assertThat(emu.requests().reportDownloadsWithAuthorization()).isZero();
    }

    @Test
    void theReportNeedsReportsReadAllAndAKnownPeriod() {
        assertThat(client.get("/reports/getOffice365ActiveUserDetail(period='D365')").status()).isEqualTo(400);

        emu.revokePermission("Reports.Read.All");
        assertThat(client.get(REPORT).status()).as("a token issued before the consent changed keeps its roles")
                .isEqualTo(302);
        client.authenticate();
        Response refused = client.get(REPORT);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).containsEntry("code", "S2SUnauthorized");
    }

    @Test
    void concealedNamesAreTheSameHashInEveryReport() {
        emu.tenant().addUser("ada@contoso.example", "Member", true, "NL", "Sales", "NL");
        emu.tenant().displayConcealedNames(true);

        String first = (String) client.download(client.get(REPORT).header("Location")).body();
        String second = (String) client.download(client.get(REPORT).header("Location")).body();

        String[] row = first.split("\r\n")[1].split(",");
        assertThat(row[1]).matches("[0-9A-F]{32}");
        assertThat(row[2]).matches("[0-9A-F]{32}").isNotEqualTo(row[1]);
        assertThat(first).doesNotContain("ada@contoso.example").isEqualTo(second);
    }

    @Test
    void aFailedDownloadAnswers5xxAndAnUnknownLinkNotFound() {
        emu.faults().failReportDownloads(1, 503);
        String location = client.get(REPORT).header("Location");

        assertThat(client.download(location).status()).isEqualTo(503);
        assertThat(client.download(location).status()).isEqualTo(200);
        assertThat(client.download(location + "x").status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void signInActivityNeedsAuditLogReadAllAndPremiumAndPagesAtMost120() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            ids.add(emu.tenant().addUser("u" + i + "@contoso.example", "Member", true, "NL", "Sales", "NL"));
        }
        emu.tenant().signedIn(ids.get(0), Instant.parse("2026-11-20T07:31:00Z"), true);
        emu.tenant().created(ids.get(0), Instant.parse("2024-02-01T08:00:00Z"));

        Response page = client.get("/users?$select=id,createdDateTime,signInActivity&$top=999");

        assertThat(page.status()).isEqualTo(200);
        List<Map<String, Object>> value = (List<Map<String, Object>>) page.json().get("value");
        assertThat(value).hasSize(120);
        assertThat(page.json().get("@odata.nextLink")).isNotNull();
        assertThat(value.get(0)).containsEntry("createdDateTime", "2024-02-01T08:00:00Z");
        assertThat((Map<String, Object>) value.get(0).get("signInActivity"))
                .containsEntry("lastSignInDateTime", "2026-11-20T07:31:00Z")
                .containsEntry("lastNonInteractiveSignInDateTime", null);

        emu.tenant().premium(false);
        Response nonPremium = client.get("/users?$select=id,signInActivity");
        assertThat(nonPremium.status()).isEqualTo(403);
        assertThat(nonPremium.error()).containsEntry("code", "Authentication_RequestFromNonPremiumTenantOrB2CTenant");

        emu.tenant().premium(true);
        emu.revokePermission("AuditLog.Read.All");
        client.authenticate();
        Response denied = client.get("/users?$select=id,signInActivity");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.error()).containsEntry("code", "Authorization_RequestDenied");
        assertThat(client.get("/users?$select=id,createdDateTime").status()).isEqualTo(200);
    }
}
