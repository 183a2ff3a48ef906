package dev.licensereconciler.graph;

import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.graph.emulator.EmulatedTenant.Workload;
import dev.licensereconciler.ingest.LoadedSnapshot;
import dev.licensereconciler.ingest.ReferenceData;
import dev.licensereconciler.ingest.SnapshotLoader;
import dev.licensereconciler.job.JobDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * snapshot and activity: the Microsoft 365 active users report read through Graph (302 to a download that
 * goes without the app's token) into activity.csv as the admin center exports it, and the users' creation
 * and sign-in dates into users.csv; what the snapshot says and leaves when the app may not read reports or
 * sign-ins, when the tenant conceals names, and when the download fails.
 */
class GraphSnapshotActivityTest {

    private static final String HEADER = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,"
            + "Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,"
            + "Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,"
            + "SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,"
            + "Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,"
            + "SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,"
            + "Teams License Assign Date,Assigned Products";

    @TempDir
    Path dir;
    ApplyFixture f;
    JobDefinition job;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        f = ApplyFixture.onH2(dir);
        job = f.job("nightly");
        Files.createDirectories(job.input());
        Files.writeString(job.input().resolve("group-licenses.csv"), "group,sku,disabledPlans,priority\n");
        out = dir.resolve("snapshot");
        String e3 = f.sku("ENTERPRISEPACK", 10);
        var tenant = f.emulator.tenant();
        tenant.reportRefreshed(LocalDate.of(2026, 11, 28));
        for (String name : List.of("ada", "ben", "cem", "dora")) {
            String id = f.user(name + "@contoso.example");
            tenant.assignDirect(id, e3, Set.of());
            tenant.created(id, Instant.parse(name.equals("dora") ? "2026-10-15T08:00:00Z" : "2024-02-01T08:00:00Z"));
        }
        tenant.active(id("ada"), Workload.EXCHANGE, LocalDate.of(2026, 1, 5));
        tenant.active(id("ben"), Workload.EXCHANGE, LocalDate.of(2026, 2, 1));
        tenant.signedIn(id("ben"), Instant.parse("2026-11-20T07:31:00Z"), true);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String id(String name) {
        return f.userIds.get(name + "@contoso.example");
    }

    private SnapshotReport snapshot() {
        return snapshot(true);
    }

    private SnapshotReport snapshot(boolean signIns) {
        return new GraphSnapshot(() -> {
            GraphHttp http = new GraphHttp(f.properties());
            return http.client(http.accessTokens());
        }, signIns, f.out).snapshot(job, out);
    }

    private int row(TenantSnapshot snapshot, String name) {
        return snapshot.userIndex(name + "@contoso.example");
    }

    @Test
    void theReportIsWrittenAsTheAdminCenterExportsItAndTheJobJudgesByIt() throws Exception {
        SnapshotReport report = snapshot();

        assertThat(report.exitStatus()).as(f.console()).isZero();
        assertThat(report.activityUsers()).isEqualTo(4);
        assertThat(report.signIns()).isTrue();
        byte[] bytes = Files.readAllBytes(out.resolve("activity.csv"));
        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).as("Graph's BOM, kept")
                .isEqualTo("\u00EF\u00BB\u00BF");
        List<String> lines = Files.readAllLines(out.resolve("activity.csv"));
        assertThat(lines.get(0)).isEqualTo("\uFEFF" + HEADER);
        assertThat(lines).hasSize(5).anySatisfy(l -> assertThat(l).startsWith(
                "2026-11-28,ada@contoso.example,ada,False,,True,True,True,True,True,True,2026-01-05,"));
        // The pre-authenticated URL gets no Graph token: it is not Graph's host in the real cloud.
        assertThat(f.emulator.requests().reportDownloads()).isOne();
        assertThat(f.emulator.requests().reportDownloadsWithAuthorization()).isZero();
        assertThat(Files.readAllLines(out.resolve("users.csv"))).startsWith("userPrincipalName,displayName,objectId,"
                + "userType,accountEnabled,usageLocation,department,country,createdDateTime,lastSignInDateTime,"
                + "lastNonInteractiveSignInDateTime,lastSuccessfulSignInDateTime").anySatisfy(l -> assertThat(l)
                .startsWith("ben@contoso.example,").endsWith(",2024-02-01T08:00:00Z,2026-11-20T07:31:00Z,,"
                        + "2026-11-20T07:31:00Z"));
        assertThat(f.console()).contains("  activity.csv: the Microsoft 365 active users report of 2026-11-28 "
                + "(last 180 days), 4 users").doesNotContain("not written", "sign-ins not read");

        LoadedSnapshot loaded = new SnapshotLoader(ReferenceData.builtinCatalog(),
                ReferenceData.builtinServicePlanRules()).load(out);
        assertThat(loaded.problems()).isEmpty();
        TenantSnapshot s = loaded.snapshot();
        assertThat(s.activityRefreshDate()).isEqualTo(LocalDate.of(2026, 11, 28));
        // Ada: Exchange in January; Ben: signed in last week; Cem: never, created 2024; Dora: new.
        assertThat(s.daysInactive(row(s, "ada"))).isEqualTo(327);
        assertThat(s.daysInactive(row(s, "ben"))).isEqualTo(8);
        assertThat(s.daysInactive(row(s, "cem"))).isEqualTo(1031);
        assertThat(s.daysInactive(row(s, "dora"))).isEqualTo(44);
    }

    @Test
    void withoutReportsReadAllTheSnapshotSucceedsWritesNoReportAndNamesThePermission() throws Exception {
        assertThat(snapshot().exitStatus()).isZero();
        assertThat(out.resolve("activity.csv")).exists();
        f.emulator.revokePermission("Reports.Read.All");

        SnapshotReport report = snapshot();

        assertThat(report.exitStatus()).as(f.console()).isZero();
        assertThat(report.activityUsers()).isEqualTo(-1);
        assertThat(report.users()).isEqualTo(4);
        assertThat(f.console()).contains("  activity.csv not written: the app may not read usage reports (Graph "
                + "answered 403 S2SUnauthorized). Grant it the application permission Reports.Read.All (with admin "
                + "consent) and take the snapshot again; until then no run finds INACTIVE licenses.");
        // The first snapshot's report described the users as they were then: not left to judge them by.
        assertThat(out.resolve("activity.csv")).doesNotExist();
        assertThat(f.console()).contains("  the activity.csv of an earlier snapshot (report of 2026-11-28) was "
                + "removed: runs judge no one INACTIVE by an outdated report.");
        assertThat(Files.readString(out.resolve(SnapshotInfo.FILE))).doesNotContain("activityReport");
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".snapshot-"));
        }
    }

    @Test
    void anActivityCsvTheAdminPutThereIsKeptWhenTheReportCannotBeRead() throws Exception {
        f.emulator.revokePermission("Reports.Read.All");
        Files.createDirectories(out);
        String own = "Report Refresh Date,User Principal Name,Exchange Last Activity Date\n2026-11-01,ada@contoso.example,\n";
        Files.writeString(out.resolve("activity.csv"), own);

        assertThat(snapshot().exitStatus()).as(f.console()).isZero();

        assertThat(out.resolve("activity.csv")).hasContent(own);
        assertThat(f.console()).contains("Reports.Read.All", "  the folder's own activity.csv (not written by a "
                + "snapshot) is kept: runs judge inactivity by it, whatever its date.");
    }

    @Test
    void concealedNamesAreNotWrittenAndTheSettingToChangeIsSaid() {
        f.emulator.tenant().displayConcealedNames(true);

        SnapshotReport report = snapshot();

        assertThat(report.exitStatus()).as(f.console()).isZero();
        assertThat(out.resolve("activity.csv")).doesNotExist();
        assertThat(f.console()).containsPattern("  activity\\.csv not written: the tenant conceals user names in "
                + "usage reports \\(4 of 4 rows name a user by a hash such as [0-9A-F]{32}\\), so no row could be "
                + "matched to a user and every run would refuse the file\\. In the Microsoft 365 admin center go to "
                + "Settings > Org settings > Services > Reports, clear 'Display concealed user, group, and site "
                + "names in all reports', save, and take the snapshot again \\(in Graph the setting is "
                + "admin/reportSettings displayConcealedNames, to be false\\)\\.");
    }

    @Test
    void aFailingDownloadIsTriedAgainWithAFreshLinkAndThenReportedWithoutFailingTheSnapshot() {
        f.emulator.faults().failReportDownloads(2, 503);

        assertThat(snapshot().activityUsers()).as(f.console()).isEqualTo(4);
        assertThat(f.emulator.requests().reportDownloads()).isEqualTo(3);
        assertThat(f.emulator.requests().all()).filteredOn(r -> r.path().startsWith("/v1.0/reports/"))
                .as("each attempt asks Graph for a new link: they last minutes").hasSize(3);

        f.emulator.faults().failReportDownloads(3, 500);
        SnapshotReport report = snapshot();

        assertThat(report.exitStatus()).isZero();
        assertThat(report.activityUsers()).isEqualTo(-1);
        assertThat(out.resolve("users.csv")).exists();
        assertThat(f.console()).contains("  activity.csv not written: the report download failed 3 times (last: the "
                + "report download from 127.0.0.1 answered 500). Take the snapshot again later.");
        assertThat(f.console()).as("the pre-authenticated link is a credential").doesNotContain("reports-download");
    }

    @Test
    void withoutAuditLogReadAllOrPremiumUsersAreReadWithoutSignInsAndTheSnapshotSaysWhy() throws Exception {
        f.emulator.revokePermission("AuditLog.Read.All");

        SnapshotReport report = snapshot();

        assertThat(report.exitStatus()).as(f.console()).isZero();
        assertThat(report.signIns()).isFalse();
        assertThat(report.activityUsers()).isEqualTo(4);
        assertThat(Files.readAllLines(out.resolve("users.csv")).get(0)).isEqualTo("userPrincipalName,displayName,"
                + "objectId,userType,accountEnabled,usageLocation,department,country,createdDateTime");
        assertThat(f.console()).contains("  sign-ins not read (Graph answered 403 Authorization_RequestDenied): grant "
                + "the app the application permission AuditLog.Read.All (with admin consent) for users.csv to carry "
                + "last sign-in dates.");

        f.emulator.grantPermission("AuditLog.Read.All");
        f.emulator.tenant().premium(false);
        assertThat(snapshot().signIns()).isFalse();
        assertThat(f.console()).contains("  sign-ins not read (Graph answered 403 "
                + "Authentication_RequestFromNonPremiumTenantOrB2CTenant): signInActivity needs Microsoft Entra ID P1 "
                + "or P2 in the tenant; users.csv has no sign-in dates and inactivity is judged by activity.csv alone.");
    }

    @Test
    void signInsTurnedOffAreNotAskedForAndUsersComeInPagesOf999() throws Exception {
        SnapshotReport report = snapshot(false);

        assertThat(report.exitStatus()).as(f.console()).isZero();
        assertThat(report.signIns()).isFalse();
        assertThat(report.activityUsers()).isEqualTo(4);
        assertThat(Files.readAllLines(out.resolve("users.csv")).get(0)).endsWith(",country,createdDateTime");
        assertThat(f.emulator.requests().all()).noneMatch(r -> r.path().contains("signInActivity"));
        assertThat(f.console()).doesNotContain("sign-ins not read");
    }
}
