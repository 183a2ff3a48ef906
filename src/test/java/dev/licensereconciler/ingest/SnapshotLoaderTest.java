package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.CurrentLicense;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseRequest;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.RequestAction;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.TenantSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SnapshotLoaderTest {

    @TempDir
    Path dir;

    private final SnapshotLoader loader = new SnapshotLoader(TestFiles.catalog(), ServicePlanRules.none());

    private void minimalTenant() {
        TestFiles.excelUtf8(dir, "users.csv", """
                User principal name,Display name,Licenses,Usage location,Block credential
                anna@contoso.example,Anna,Office 365 E3+Enterprise Mobility + Security E3,NL,False
                bram@contoso.example,Bram,Unlicensed,NL,False
                """);
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\n");
    }

    @Test
    void withoutAssignmentsCurrentLicensesComeFromTheUsersLicensesColumn() {
        minimalTenant();
        LoadedSnapshot loaded = loader.load(dir);
        TenantSnapshot s = loaded.snapshot();
        assertThat(loaded.problems()).isEmpty();
        assertThat(s.licensesOf(0)).containsExactly(
                new CurrentLicense("ENTERPRISEPACK", Plans.none(), null),
                new CurrentLicense("EMS", Plans.none(), null));
        assertThat(s.subscriptions()).hasSize(1);
        assertThat(s.rules()).isEmpty();
    }

    @Test
    void withAssignmentsTheLicensesColumnIsIgnoredAndReferencesResolveAcrossFiles() {
        minimalTenant();
        TestFiles.utf8(dir, "group-memberships.csv", "group,member\nSales,bram@contoso.example\n");
        TestFiles.utf8(dir, "group-licenses.csv", "group,sku,disabledPlans\nSales,ENTERPRISEPACK,SWAY\n");
        TestFiles.utf8(dir, "assignments.csv", """
                user,sku,disabledPlans,assignedBy
                bram@contoso.example,ENTERPRISEPACK,SWAY,Sales
                ghost@contoso.example,ENTERPRISEPACK,,Direct
                """);
        LoadedSnapshot loaded = loader.load(dir);
        TenantSnapshot s = loaded.snapshot();
        assertThat(s.licensesOf(0)).isEmpty();
        assertThat(s.licensesOf(1)).containsExactly(new CurrentLicense("ENTERPRISEPACK", Plans.of("SWAY"), "Sales"));
        assertThat(s.membersOf(s.rules().get(0).group())).containsExactly(1);
        assertThat(loaded.problems()).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("assignments.csv", 3, ErrorCode.UNKNOWN_USER));
    }

    @Test
    void missingRequiredFilesFailNamingTheFileAndTheExport() {
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("users.csv: the required file is missing from " + dir)
                .hasMessageContaining("Export users");
        TestFiles.utf8(dir, "users.csv", "userPrincipalName\na@contoso.example\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("purchases.csv: the required file is missing")
                .satisfies(e -> assertThat(((InputFileException) e).file()).isEqualTo("purchases.csv"));
    }

    @Test
    void aMissingRequiredColumnInAnOptionalFileStillFailsTheRun() {
        minimalTenant();
        TestFiles.utf8(dir, "group-licenses.csv", "team,sku\nSales,EMS\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("group-licenses.csv line 1: required column 'group'");
    }

    @Test
    void requestsResolveUsersProductsActionsAndPlansAndSkipBadRowsWhole() {
        minimalTenant();
        TenantSnapshot s = loader.load(dir).snapshot();
        Path requests = TestFiles.excelWindows1252(dir, "requests.csv", """
                User;Action;SKU;Disabled plans
                ANNA@contoso.example;assign;ENTERPRISEPACK+EMS;SWAY
                bram@contoso.example;Set services;ENTERPRISEPACK;"sway;yammer_enterprise"
                bram@contoso.example;REPLACE;EMS;
                zoë@contoso.example;ASSIGN;EMS;
                bram@contoso.example;GIVE;EMS;
                bram@contoso.example;UNASSIGN;EMS+NOPE;
                bram@contoso.example;ASSIGN;EMS;SWAY
                bram@contoso.example;UNASSIGN;;
                """);
        LoadedRequests loaded = loader.loadRequests(requests, s);
        assertThat(loaded.requests()).containsExactly(
                new LicenseRequest(2, "anna@contoso.example", RequestAction.ASSIGN, List.of("ENTERPRISEPACK", "EMS"),
                        Plans.of("SWAY")),
                new LicenseRequest(3, "bram@contoso.example", RequestAction.SET_SERVICES, List.of("ENTERPRISEPACK"),
                        Plans.of("SWAY", "YAMMER_ENTERPRISE")),
                new LicenseRequest(4, "bram@contoso.example", RequestAction.REPLACE, List.of("EMS"), Plans.none()));
        assertThat(loaded.problems()).extracting(Problem::line, Problem::user, Problem::sku, Problem::code)
                .containsExactly(
                        tuple(5, "", "", ErrorCode.UNKNOWN_USER),
                        tuple(6, "bram@contoso.example", "", ErrorCode.INVALID_ROW),
                        tuple(7, "bram@contoso.example", "", ErrorCode.UNKNOWN_SKU),
                        tuple(8, "bram@contoso.example", "EMS", ErrorCode.UNKNOWN_SERVICE_PLAN),
                        tuple(9, "bram@contoso.example", "", ErrorCode.INVALID_ROW));
        assertThat(loaded.problems().get(0).message()).contains("'zoë@contoso.example'");
    }
}
