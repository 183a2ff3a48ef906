package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseRule;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.Subscription;
import dev.licensereconciler.domain.SubscriptionStatus;
import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.domain.TenantUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The exports admins really have (issue 10): Graph's subscribedSkus flattened by Select-Object and
 * MSOnline's Get-MsolAccountSku as purchases.csv, Entra's 2026 user download without the optional
 * columns, Entra's per-group member downloads in group-memberships/, and rules kept as the plans to
 * enable.
 */
class RealExportsTest {

    @TempDir
    Path dir;

    private final SnapshotLoader loader = new SnapshotLoader(TestFiles.catalog(), ServicePlanRules.none());

    /** Two users (admin-center columns), Anna holding Office 365 E3 and EMS, Bram nothing. */
    private void users() {
        TestFiles.excelUtf8(dir, "users.csv", """
                User principal name,Display name,Licenses,Usage location,Block credential,Object Id
                anna@contoso.example,Anna,Office 365 E3+Enterprise Mobility + Security E3,NL,False,11111111-aaaa-4000-8000-000000000001
                bram@contoso.example,Bram,Unlicensed,NL,False,22222222-bbbb-4000-8000-000000000002
                """);
    }

    // --- purchases.csv from Graph and MSOnline

    @Test
    void graphSubscribedSkusFlattenedBySelectObjectAreReadAsPurchases() {
        users();
        // Get-MgSubscribedSku | Select-Object SkuPartNumber, SkuId, CapabilityStatus, AppliesTo, ConsumedUnits,
        //   @{N='prepaidUnits.enabled';E={$_.PrepaidUnits.Enabled}}, ... | Export-Csv -NoTypeInformation
        TestFiles.excelUtf8(dir, "purchases.csv", """
                "SkuPartNumber","SkuId","CapabilityStatus","AppliesTo","ConsumedUnits","prepaidUnits.enabled","prepaidUnits.warning","prepaidUnits.suspended"
                "ENTERPRISEPACK","6fd2c87f-b296-42f0-b197-1e91e994b900","Enabled","User","1","3","2","0"
                "EMS","efccb6f7-5641-4e0e-bd10-b4976e1bf68e","Warning","User","1","0","4","0"
                "STANDARDPACK","18181a46-0d4e-45cd-891e-60aabd171b4e","Suspended","User","0","0","0","10"
                "WINDOWS_STORE","6470687e-a428-4b7a-bef2-8a291ad947c9","Enabled","Company","0","25","0","0"
                "FLOW_FREE","f30db892-07e9-47e9-837c-80727f46fd3d","Enabled","Company","0","10000","0","0"
                """);
        LoadedSnapshot loaded = loader.load(dir);

        // Enabled plus warning units are seats; a suspended subscription gives none.
        assertThat(loaded.snapshot().subscriptions())
                .extracting(Subscription::sku, Subscription::quantity, Subscription::status, Subscription::adminSeats)
                .containsExactly(tuple("ENTERPRISEPACK", 5, SubscriptionStatus.ENABLED, 5),
                        tuple("EMS", 4, SubscriptionStatus.WARNING, 4),
                        tuple("STANDARDPACK", 0, SubscriptionStatus.SUSPENDED, 0));
        // Company subscriptions: said once for the file, not per row, and not counted.
        assertThat(loaded.problems()).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("purchases.csv", 5, ErrorCode.NOT_FOR_USERS));
        assertThat(loaded.problems().get(0).message())
                .isEqualTo("2 subscriptions that apply to the company, not to users, were skipped: 'WINDOWS_STORE' "
                        + "(Company), 'FLOW_FREE' (Company). Their seats cannot be assigned to a user, so they are not "
                        + "counted as any product's seats.");
    }

    @Test
    void consumedUnitsThatDifferFromTheHoldersInTheExportsAreReportedOncePerProduct() {
        users();
        TestFiles.utf8(dir, "purchases.csv", """
                skuPartNumber,capabilityStatus,appliesTo,consumedUnits,prepaidUnits.enabled,prepaidUnits.warning
                ENTERPRISEPACK,Enabled,User,3,10,0
                EMS,Enabled,User,1,10,0
                STANDARDPACK,Enabled,User,0,10,0
                """);
        TestFiles.utf8(dir, "assignments.csv", """
                user,sku,disabledPlans,assignedBy
                anna@contoso.example,ENTERPRISEPACK,,Direct
                anna@contoso.example,EMS,,Direct
                bram@contoso.example,STANDARDPACK,,Direct
                """);
        LoadedSnapshot loaded = loader.load(dir);

        assertThat(loaded.problems()).extracting(Problem::file, Problem::line, Problem::sku, Problem::code)
                .containsExactly(tuple("purchases.csv", 2, "ENTERPRISEPACK", ErrorCode.CONSUMED_UNITS_DIFFER),
                        tuple("purchases.csv", 4, "STANDARDPACK", ErrorCode.CONSUMED_UNITS_DIFFER));
        assertThat(loaded.problems().get(0).message()).isEqualTo("the subscriptions say 3 licenses of ENTERPRISEPACK "
                + "are assigned in the tenant (consumedUnits), but the exports show 1 users holding it. The exports were "
                + "taken at different moments, or users holding it are missing from users.csv or assignments.csv; this "
                + "run plans from what the exports show.");
        assertThat(loaded.problems().get(1).message()).contains("say 0 licenses", "show 1 users",
                "the subscriptions export is older than the users export");
        assertThat(loaded.problems().get(0).fix()).isEqualTo("Export users (and assignments) and subscriptions at the "
                + "same time, e.g. with the 'snapshot' command, and run again.");
    }

    @Test
    void msOnlineAccountSkusAndScriptColumnNamesAreReadToo() {
        users();
        // Get-MsolAccountSku | Select-Object AccountSkuId, ActiveUnits, WarningUnits, ConsumedUnits | Export-Csv
        TestFiles.utf8(dir, "purchases.csv", """
                "AccountSkuId","ActiveUnits","WarningUnits","ConsumedUnits"
                "contoso:ENTERPRISEPACK","4","1","1"
                "contoso:EMS","2","","1"
                """);
        LoadedSnapshot msol = loader.load(dir);
        assertThat(msol.problems()).isEmpty();
        assertThat(msol.snapshot().subscriptions()).extracting(Subscription::sku, Subscription::quantity)
                .containsExactly(tuple("ENTERPRISEPACK", 5), tuple("EMS", 2));

        // A script's own names: @{N='Enabled';E={$_.PrepaidUnits.Enabled}}, @{N='Warning';...}.
        TestFiles.utf8(dir, "purchases.csv", "SkuPartNumber,Enabled,Warning,Consumed\nENTERPRISEPACK,7,x,1\nEMS,3,0,1\n");
        LoadedSnapshot script = loader.load(dir);
        assertThat(script.snapshot().subscriptions()).extracting(Subscription::sku, Subscription::quantity)
                .containsExactly(tuple("EMS", 3));
        assertThat(script.problems()).extracting(Problem::line, Problem::code, Problem::message)
                .containsExactly(tuple(2, ErrorCode.INVALID_ROW, "'x' in column 'prepaidUnits.warning' is not valid; "
                        + "expected a whole number of 0 or more."));
    }

    @Test
    void aQuantityColumnIsTheSeatsAndGraphsUnitsAreThenNotRead() {
        users();
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity,prepaidUnits.enabled,prepaidUnits.warning\nENTERPRISEPACK,2,9,9\n");
        assertThat(loader.load(dir).snapshot().subscriptions()).extracting(Subscription::quantity).containsExactly(2);

        TestFiles.utf8(dir, "purchases.csv", "sku,consumedUnits\nENTERPRISEPACK,1\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(InputFileException.class)
                .hasMessageContaining("required column 'quantity'")
                .hasMessageContaining("prepaidUnits.enabled");
    }

    // --- users.csv without the optional columns

    @Test
    void entrasUserDownloadWithoutAccountEnabledAndUsageLocationIsReadAndSaysSoOnce() {
        // Entra's 2026 "Download users" with Graph property names, neither optional column chosen.
        TestFiles.excelUtf8(dir, "users.csv", """
                id,userPrincipalName,displayName,userType
                11111111-aaaa-4000-8000-000000000001,anna@contoso.example,Anna,Member
                22222222-bbbb-4000-8000-000000000002,bram@contoso.example,Bram,Member
                33333333-cccc-4000-8000-000000000003,carla_fabrikam.example#EXT#@contoso.example,Carla,Guest
                """);
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\n");
        LoadedSnapshot loaded = loader.load(dir);

        assertThat(loaded.snapshot().userCount()).isEqualTo(3);
        assertThat(loaded.snapshot().user(0)).isEqualTo(new TenantUser("anna@contoso.example", "Anna",
                "11111111-aaaa-4000-8000-000000000001", false, false, ""));
        assertThat(loaded.snapshot().user(2).guest()).isTrue();
        assertThat(loaded.problems()).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("users.csv", 1, ErrorCode.MISSING_COLUMN), tuple("users.csv", 1, ErrorCode.MISSING_COLUMN));
        assertThat(loaded.problems().get(0).message()).startsWith("the file has no column 'Block credential' ")
                .contains("every user is read as enabled");
        assertThat(loaded.problems().get(1).message()).startsWith("the file has no column 'Usage location' ")
                .contains("defaultUsageLocation", "USAGE_LOCATION_MISSING");
        assertThat(loaded.problems().get(1).fix()).contains("usageLocation");
    }

    @Test
    void aUsersExportWithTheColumnsSaysNothingAboutThemEvenWhenCellsAreEmpty() {
        TestFiles.utf8(dir, "users.csv", "userPrincipalName,accountEnabled,usageLocation\nanna@contoso.example,,\n");
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\n");
        assertThat(loader.load(dir).problems()).isEmpty();
    }

    // --- group-memberships/ per group

    @Test
    void perGroupMemberFilesAsEntraDownloadsThemAreReadLikeTheMembershipsFile() {
        users();
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\n");
        TestFiles.utf8(dir, "group-memberships.csv", "group,member\nIT,anna@contoso.example\n");
        Path folder = dir.resolve("group-memberships");
        mkdir(folder);
        // Entra's "Download members", saved under the group's name, here with a version line before the header.
        TestFiles.excelUtf8(folder, "LIC-Sales.csv", """
                version:v1.0
                Object ID,User principal name,Display name,Member type
                22222222-bbbb-4000-8000-000000000002,bram@contoso.example,Bram,User
                99999999-0000-4000-8000-000000000009,,Team Interim,Group
                44444444-0000-4000-8000-000000000004,ghost@contoso.example,Ghost,User
                """);
        // A file with a group column: the column wins over the file name, an empty cell falls back to it.
        TestFiles.utf8(folder, "more.csv", "group,memberObjectIdOrUpn\nIT,bram@contoso.example\n,anna@contoso.example\n");
        TestFiles.utf8(folder, "notes.txt", "not a member file\n");
        LoadedSnapshot loaded = loader.load(dir);

        TenantSnapshot s = loaded.snapshot();
        assertThat(s.membersOf("LIC-Sales")).containsExactly(1);
        assertThat(s.membersOf("IT")).containsExactly(0, 1);
        assertThat(s.membersOf("more")).containsExactly(0);
        assertThat(loaded.problems()).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("group-memberships/LIC-Sales.csv", 4, ErrorCode.NESTED_GROUP_NOT_SUPPORTED),
                        tuple("group-memberships/LIC-Sales.csv", 5, ErrorCode.UNKNOWN_USER));
        assertThat(loaded.problems().get(1).message()).isEqualTo("member 'ghost@contoso.example' of group 'LIC-Sales' "
                + "is not in users.csv.");
    }

    @Test
    void perGroupFilesAreReadInFileNameOrder() {
        users();
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\n");
        Path folder = dir.resolve("group-memberships");
        mkdir(folder);
        for (String group : new String[] {"Zeta", "Alpha", "Mu"}) {
            TestFiles.utf8(folder, group + ".csv", "userPrincipalName\nnobody." + group + "@contoso.example\n");
        }
        assertThat(loader.load(dir).problems()).extracting(Problem::file)
                .containsExactly("group-memberships/Alpha.csv", "group-memberships/Mu.csv", "group-memberships/Zeta.csv");
    }

    @Test
    void aPerGroupFileUnderEntrasProposedNameNamesNoGroupAndFailsTheRun() {
        users();
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\n");
        Path folder = dir.resolve("group-memberships");
        mkdir(folder);
        TestFiles.utf8(folder, "exportGroupMembers_2026-12-01T10_00_00.csv", "userPrincipalName\nanna@contoso.example\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("group-memberships/exportGroupMembers_2026-12-01T10_00_00.csv: the file has no "
                        + "group column, and its name does not name a group")
                .hasMessageContaining("Rename the file to the group's name or object id");
    }

    // --- rules with enabledPlans

    @Test
    void enabledPlansTurnEveryOtherPlanOffAlsoOnesANewerCatalogAdds() {
        String rules = "group,sku,enabledPlans\nSales,ENTERPRISEPACK,EXCHANGE_S_ENTERPRISE;57ff2da0-773e-42df-b2af-ffb7a2317929\n";
        assertThat(rulesOf(TestFiles.catalog(), rules)).extracting(LicenseRule::disabledPlans)
                .containsExactly(sorted("SWAY", "YAMMER_ENTERPRISE"));

        // The same rule against a catalog in which Microsoft added a plan to the product: it is off too.
        Catalog newer = Catalog.builder()
                .row("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "EXCHANGE_S_ENTERPRISE",
                        "efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE ONLINE (PLAN 2)")
                .row("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "TEAMS1",
                        "57ff2da0-773e-42df-b2af-ffb7a2317929", "MICROSOFT TEAMS")
                .row("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "SWAY",
                        "a23b959c-7ce8-4e57-9140-b90eb88a9e97", "SWAY")
                .row("Office 365 E3", "ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "COPILOT_NEW",
                        "0f0a0b0c-0000-4000-8000-00000000c0de", "A PLAN ADDED LATER")
                .build();
        assertThat(rulesOf(newer, rules)).extracting(LicenseRule::disabledPlans)
                .containsExactly(sorted("COPILOT_NEW", "SWAY"));
    }

    @Test
    void aLicensingScriptsGroupSkuPlansRowListsThePlansToEnable() {
        String rules = "Group,SKU,Plans\nSales,ENTERPRISEPACK,EXCHANGE_S_ENTERPRISE;TEAMS1\nIT,EMS,\n";
        assertThat(rulesOf(TestFiles.catalog(), rules)).extracting(LicenseRule::group, LicenseRule::sku,
                        LicenseRule::disabledPlans)
                .containsExactly(tuple("sales", "ENTERPRISEPACK", sorted("SWAY", "YAMMER_ENTERPRISE")),
                        tuple("it", "EMS", sorted()));
    }

    @Test
    void aRowGivingBothDisabledAndEnabledPlansIsInvalidAndFreezesItsRule() {
        users();
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\n");
        TestFiles.utf8(dir, "group-memberships.csv", "group,member\nSales,anna@contoso.example\n");
        TestFiles.utf8(dir, "group-licenses.csv", "group,sku,disabledPlans,enabledPlans\nSales,ENTERPRISEPACK,SWAY,TEAMS1\n");
        LoadedSnapshot loaded = loader.load(dir);

        assertThat(loaded.snapshot().rules()).isEmpty();
        assertThat(loaded.snapshot().frozen(0, "ENTERPRISEPACK")).isTrue();
        assertThat(loaded.problems()).extracting(Problem::file, Problem::line, Problem::sku, Problem::code)
                .containsExactly(tuple("group-licenses.csv", 2, "ENTERPRISEPACK", ErrorCode.INVALID_ROW));
        assertThat(loaded.problems().get(0).message()).isEqualTo("the row gives both disabledPlans ('SWAY') and "
                + "enabledPlans ('TEAMS1'); a rule gives one or the other. The licenses of ENTERPRISEPACK of the members "
                + "of group 'Sales' are kept unchanged this run (none is assigned, updated or removed).");
    }

    // --- a bad rule row freezes what it governs

    @Test
    void anUnreadableRuleRowWithAReadableGroupAndProductFreezesThatGroupsLicensesOfTheProduct() {
        users();
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\nEMS,5\n");
        TestFiles.utf8(dir, "group-memberships.csv", "group,member\nSales,anna@contoso.example\nIT,bram@contoso.example\n");
        TestFiles.utf8(dir, "group-licenses.csv", """
                group,sku,disabledPlans,priority
                Sales,ENTERPRISEPACK,SWAYY,
                Sales,EMS,,abc
                IT,ENTERPRISEPACK,,
                ,EMS,,
                """);
        LoadedSnapshot loaded = loader.load(dir);
        TenantSnapshot s = loaded.snapshot();

        assertThat(s.rules()).extracting(LicenseRule::group, LicenseRule::sku).containsExactly(tuple("it", "ENTERPRISEPACK"));
        assertThat(s.frozen(0, "ENTERPRISEPACK")).isTrue();
        assertThat(s.frozen(0, "EMS")).isTrue();
        assertThat(s.frozen(1, "ENTERPRISEPACK")).isFalse();
        assertThat(s.frozen(1, "EMS")).isFalse();
        assertThat(loaded.problems()).extracting(Problem::line, Problem::code).containsExactly(
                tuple(2, ErrorCode.RULE_UNREADABLE), tuple(3, ErrorCode.RULE_UNREADABLE), tuple(5, ErrorCode.INVALID_ROW));
        assertThat(loaded.problems().get(0).message()).isEqualTo("service plan 'SWAYY' is not a plan of ENTERPRISEPACK. "
                + "The licenses of ENTERPRISEPACK of the members of group 'Sales' are kept unchanged this run (none is "
                + "assigned, updated or removed).");
        assertThat(loaded.problems().get(1).message()).startsWith("priority 'abc' is not a whole number. The licenses "
                + "of EMS of the members of group 'Sales' are kept unchanged");
        assertThat(loaded.problems().get(1).fix()).endsWith("The rule applies again once the row can be read.");
        // Without a group nothing can be frozen, and the message says what that means.
        assertThat(loaded.problems().get(2).message()).isEqualTo("the row has no value in column 'group'. Without its "
                + "group and product the rule cannot be kept in force: licenses it manages are planned as if the row "
                + "did not exist, and may be removed.");
    }

    private List<LicenseRule> rulesOf(Catalog catalog, String text) {
        Path f = TestFiles.utf8(dir, "group-licenses.csv", text);
        TenantSnapshot.Builder b = TenantSnapshot.builder(catalog, ServicePlanRules.none());
        List<Problem> problems = new ArrayList<>();
        try (CsvFile csv = CsvFile.open(f)) {
            GroupLicensesReader.read(csv, b, problems);
        }
        assertThat(problems).isEmpty();
        return b.build().rules();
    }

    private static SortedSet<String> sorted(String... plans) {
        return new TreeSet<>(List.of(plans));
    }

    private static void mkdir(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
