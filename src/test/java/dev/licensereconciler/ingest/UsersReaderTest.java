package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.CurrentLicense;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.domain.TenantUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class UsersReaderTest {

    /** The admin center's Active users export header, all 31 columns in its alphabetical order. */
    static final String ADMIN_HEADER = "Block credential,City,Country/Region,Department,DirSyncEnabled,"
            + "Display name,Fax,First name,Last dirsync time,Last name,Last password change time stamp,"
            + "License reconciliation needed,Licenses,Mobile Phone,Object Id,Office,Password never expires,"
            + "Phone number,Postal code,Preferred data location,Preferred language,Proxy addresses,Release track,"
            + "Soft deletion time stamp,State,Street address,Strong password required,Title,Usage location,"
            + "User principal name,When created";

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();

    static String adminRow(String blocked, String displayName, String licenses, String objectId,
                                   String usageLocation, String upn) {
        return blocked + ",Amsterdam,Netherlands,Sales,,\"" + displayName + "\",,,,,2024-01-05 10:00:00,False,\""
                + licenses + "\",,"
                + objectId + ",,False,,1011AB,,nl-NL,\"SMTP:" + upn + "\",,,,Dam 1,True,Manager,"
                + usageLocation + "," + upn + ",2020-03-01 09:00:00";
    }

    private TenantSnapshot read(Path file, boolean licensesFromColumn) {
        TenantSnapshot.Builder b = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        try (CsvFile f = CsvFile.open(file)) {
            UsersReader.read(f, b, licensesFromColumn, problems);
        }
        return b.build();
    }

    private static List<String> skus(TenantSnapshot s, String upn) {
        return s.licensesOf(s.userIndex(upn)).stream().map(CurrentLicense::sku).toList();
    }

    @Test
    void adminCenterExportGivesUsersWithBlockCredentialAndFriendlyLicenseNames() {
        Path f = TestFiles.excelUtf8(dir, "users.csv", ADMIN_HEADER + "\n"
                + adminRow("False", "Zoë Müller", "Microsoft 365 E3+Enterprise Mobility + Security E3",
                        "0f1e2d3c-0000-4000-8000-000000000001", "NL", "zoe.muller@contoso.example") + "\n"
                + adminRow("True", "Bram de Vries", "Unlicensed", "0f1e2d3c-0000-4000-8000-000000000002", "",
                        "bram@contoso.example") + "\n");
        TenantSnapshot s = read(f, true);

        assertThat(problems).isEmpty();
        assertThat(s.userCount()).isEqualTo(2);
        TenantUser zoe = s.user(0);
        assertThat(zoe).isEqualTo(new TenantUser("zoe.muller@contoso.example", "Zoë Müller",
                "0f1e2d3c-0000-4000-8000-000000000001", false, false, "NL"));
        assertThat(s.user(1).blocked()).isTrue();
        assertThat(s.user(1).hasUsageLocation()).isFalse();
        assertThat(s.userIndex("0F1E2D3C-0000-4000-8000-000000000002")).isEqualTo(1);
        assertThat(s.licensesOf(0)).containsExactly(
                new CurrentLicense("SPE_E3", dev.licensereconciler.domain.Plans.none(), null),
                new CurrentLicense("EMS", dev.licensereconciler.domain.Plans.none(), null));
        assertThat(s.licensesOf(1)).isEmpty();
    }

    @Test
    void entraExportGivesGuestsByUserTypeOrExtMarkerAndBlockedByAccountEnabled() {
        Path f = TestFiles.utf8(dir, "users.csv", """
                id,userPrincipalName,displayName,surname,mail,givenName,userType,jobTitle,department,accountEnabled,usageLocation
                1,anna@contoso.example,Anna,Bakker,anna@contoso.example,Anna,Member,,Sales,TRUE,NL
                2,dana_fabrikam.example#ext#@contoso.onmicrosoft.com,Dana,,,,Member,,,true,US
                3,ext@contoso.example,Ext,,,,Guest,,,Yes,US
                4,eva@contoso.example,Eva,,,,Member,,,FALSE,NL
                5,piet@contoso.example,Piet,,,,Member,,,0,NL
                """);
        TenantSnapshot s = read(f, true);

        assertThat(problems).isEmpty();
        assertThat(List.of(s.user(0), s.user(1), s.user(2), s.user(3), s.user(4)))
                .extracting(TenantUser::upn, TenantUser::guest, TenantUser::blocked)
                .containsExactly(
                        tuple("anna@contoso.example", false, false),
                        tuple("dana_fabrikam.example#ext#@contoso.onmicrosoft.com", true, false),
                        tuple("ext@contoso.example", true, false),
                        tuple("eva@contoso.example", false, true),
                        tuple("piet@contoso.example", false, true));
        assertThat(s.userIndex("4")).isEqualTo(3);
    }

    @Test
    void licensesWithPlusInsideNamesResolveLongestFirstAndUnknownOrAmbiguousNamesAreReportedOncePerName() {
        Path f = TestFiles.utf8(dir, "users.csv", """
                User principal name,Licenses,Usage location,Block credential
                a@contoso.example,Enterprise Mobility + Security E3+Office 365 E3+Microsoft Teams Exploratory,NL,False
                b@contoso.example,Office 365 E3+Visio Plan 2,NL,False
                c@contoso.example,Microsoft 365 Business Basic+Office 365 E1,NL,False
                d@contoso.example,ENTERPRISEPACK,NL,False
                e@contoso.example,Visio Plan 2+Microsoft 365 Business Basic,NL,False
                f@contoso.example,visio plan 2,NL,False
                """);
        TenantSnapshot s = read(f, true);

        assertThat(skus(s, "a@contoso.example")).containsExactly("EMS", "ENTERPRISEPACK", "TEAMS_EXPLORATORY");
        assertThat(skus(s, "b@contoso.example")).containsExactly("ENTERPRISEPACK");
        assertThat(skus(s, "c@contoso.example")).containsExactly("STANDARDPACK");
        assertThat(skus(s, "d@contoso.example")).containsExactly("ENTERPRISEPACK");
        assertThat(problems).extracting(Problem::file, Problem::line, Problem::user, Problem::sku, Problem::code)
                .containsExactly(
                        tuple("users.csv", 3, "", "", ErrorCode.UNKNOWN_SKU),
                        tuple("users.csv", 4, "", "", ErrorCode.AMBIGUOUS_PRODUCT_NAME));
        assertThat(problems.get(0).message()).contains("'Visio Plan 2'", "3 users hold it (first on line 3)",
                "stays on its holders");
        assertThat(problems.get(0).fix()).contains("newer catalog", "assignments.csv");
        assertThat(problems.get(1).message()).contains("O365_BUSINESS_ESSENTIALS", "SMB_BUSINESS_ESSENTIALS",
                "2 users hold it (first on line 4)");
        assertThat(skus(s, "e@contoso.example")).isEmpty();
    }

    @Test
    void licensesColumnIsIgnoredWhenAssignmentsFileProvidesCurrentLicenses() {
        Path f = TestFiles.utf8(dir, "users.csv", "User principal name,Licenses,Usage location,Block credential\n"
                + "a@contoso.example,Nonsense,NL,False\n");
        TenantSnapshot s = read(f, false);
        assertThat(problems).isEmpty();
        assertThat(s.licensesOf(0)).isEmpty();
    }

    @Test
    void duplicateInvalidAndEmptyUpnsAndBadFlagsAreReportedAndSkipped() {
        Path f = TestFiles.utf8(dir, "users.csv", """
                userPrincipalName,accountEnabled,Block credential,usageLocation
                Anna@Contoso.example,true,false,NL
                anna@contoso.example,true,false,NL
                not-an-upn,true,false,NL
                ,true,false,NL
                bram@contoso.example,maybe,,NL
                chris@contoso.example,,,NL
                """);
        TenantSnapshot s = read(f, true);

        assertThat(s.userCount()).isEqualTo(2);
        assertThat(s.user(0).upn()).isEqualTo("Anna@Contoso.example");
        assertThat(s.user(1).blocked()).isFalse();
        assertThat(problems).extracting(Problem::line, Problem::code, Problem::user)
                .containsExactly(
                        tuple(3, ErrorCode.DUPLICATE_ROW, ""),
                        tuple(4, ErrorCode.INVALID_ROW, ""),
                        tuple(5, ErrorCode.INVALID_ROW, ""),
                        tuple(6, ErrorCode.INVALID_ROW, ""));
        assertThat(problems.get(1).message()).contains("'not-an-upn'");
        assertThat(problems.get(3).message()).contains("'maybe'");
    }

    @Test
    void missingUpnColumnFailsTheFileWithTheExportRemedy() {
        Path f = TestFiles.utf8(dir, "users.csv", "Display name,Licenses\nAnna,\n");
        assertThatThrownBy(() -> read(f, true)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("users.csv line 1: required column 'User principal name'")
                .hasMessageContaining("Users > Active users > Export users");
    }
}
