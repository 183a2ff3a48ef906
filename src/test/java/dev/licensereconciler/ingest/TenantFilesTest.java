package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.CurrentLicense;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseRule;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.PurchaseChannel;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.Subscription;
import dev.licensereconciler.domain.SubscriptionStatus;
import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.domain.TenantUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tenant files after users.csv: memberships, purchases, rules and assignments. */
class TenantFilesTest {

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();
    private TenantSnapshot.Builder builder;

    @BeforeEach
    void users() {
        builder = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        builder.addUser(new TenantUser("Anna@contoso.example", "Anna", "11111111-aaaa-4000-8000-000000000001",
                false, false, "NL"));
        builder.addUser(new TenantUser("bram@contoso.example", "Bram", "", false, false, "NL"));
    }

    private List<Tuple> problemRows() {
        return problems.stream().map(p -> new Tuple(p.file(), p.line(), p.user(), p.sku(), p.code())).toList();
    }

    private record Tuple(String file, int line, String user, String sku, ErrorCode code) {
    }

    // --- group-memberships.csv

    @Test
    void membershipsResolveMembersByUpnOrObjectIdAndAliasGroupIdsToNames() {
        Path f = TestFiles.utf8(dir, "group-memberships.csv", """
                Group Name,GROUP_ID,Member,memberType
                Sales,aaaa-1111,ANNA@contoso.example,User
                Sales,aaaa-1111,bram@contoso.example,
                IT,bbbb-2222,11111111-aaaa-4000-8000-000000000001,user
                IT,bbbb-2222,laptop-17,Device
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            GroupMembershipsReader.read(csv, builder, problems);
        }
        builder.addRule(new LicenseRule("AAAA-1111", "EMS", Plans.none(), 100));
        TenantSnapshot s = builder.build();
        assertThat(problems).isEmpty();
        assertThat(s.membersOf("sales")).containsExactly(0, 1);
        // A rule naming the group by object id reaches the same members.
        assertThat(s.membersOf(s.rules().get(0).group())).containsExactly(0, 1);
        assertThat(s.membersOf("IT")).containsExactly(0);
    }

    @Test
    void nestedGroupsAreReportedOnceAndUnknownMembersAreReported() {
        Path f = TestFiles.utf8(dir, "group-memberships.csv", """
                groupDisplayName,memberUpn,objectType
                Frontline,IT,Group
                Frontline,it,Group
                Finance,nobody@contoso.example,User
                Finance,,User
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            GroupMembershipsReader.read(csv, builder, problems);
        }
        assertThat(problemRows()).containsExactly(
                new Tuple("group-memberships.csv", 2, "", "", ErrorCode.NESTED_GROUP_NOT_SUPPORTED),
                new Tuple("group-memberships.csv", 4, "", "", ErrorCode.UNKNOWN_USER),
                new Tuple("group-memberships.csv", 5, "", "", ErrorCode.INVALID_ROW));
        assertThat(problems.get(1).message()).contains("'nobody@contoso.example'", "'Finance'");
    }

    @Test
    void membershipsWithoutAGroupColumnFailTheFile() {
        Path f = TestFiles.utf8(dir, "group-memberships.csv", "team,member\nSales,bram@contoso.example\n");
        try (CsvFile csv = CsvFile.open(f)) {
            assertThatThrownBy(() -> GroupMembershipsReader.read(csv, builder, problems))
                    .isInstanceOf(InputFileException.class)
                    .hasMessageStartingWith("group-memberships.csv line 1: required column 'group'");
        }
    }

    // --- purchases.csv

    @Test
    void purchasesAcceptAliasesStatusAndChannelSpellingsPurchaserListsAndBothDecimalMarks() {
        Path f = TestFiles.excelWindows1252(dir, "purchases.csv", """
                skuPartNumber;Enabled Units;Status;Channel;Purchased By;Unit Price;Currency;Subscription Id;Note
                ENTERPRISEPACK ;4;enabled;Admin;"buyer@contoso.example; finance@contoso.example";36,00;EUR;s-1;für Zoë
                6fd2c87f-b296-42f0-b197-1e91e994b900;1;Locked out;;;;;;
                EMS;2;;Self-service;jan@contoso.example,piet@contoso.example;1.234,50;EUR;;
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            PurchasesReader.read(csv, builder, problems);
        }
        assertThat(problems).isEmpty();
        assertThat(builder.build().subscriptions()).containsExactly(
                new Subscription("ENTERPRISEPACK", 4, SubscriptionStatus.ENABLED, PurchaseChannel.ADMIN,
                        List.of("buyer@contoso.example", "finance@contoso.example"), new BigDecimal("36.00"), "EUR", "s-1"),
                new Subscription("ENTERPRISEPACK", 1, SubscriptionStatus.LOCKED_OUT, PurchaseChannel.ADMIN,
                        List.of(), null, null, ""),
                new Subscription("EMS", 2, SubscriptionStatus.ENABLED, PurchaseChannel.SELF_SERVICE,
                        List.of("jan@contoso.example", "piet@contoso.example"), new BigDecimal("1234.50"), "EUR", ""));
    }

    @Test
    void badPurchaseRowsAreReportedAndSkipped() {
        Path f = TestFiles.utf8(dir, "purchases.csv", """
                sku,quantity,status,channel,unitPrice
                NO_SUCH_SKU,1,,,
                EMS,-1,,,
                EMS,2.5,,,
                EMS,1,Frozen,,
                EMS,1,,Reseller,
                EMS,1,,,cheap
                EMS,3,Warning,Admin,10.60
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            PurchasesReader.read(csv, builder, problems);
        }
        assertThat(problemRows()).containsExactly(
                new Tuple("purchases.csv", 2, "", "", ErrorCode.UNKNOWN_SKU),
                new Tuple("purchases.csv", 3, "", "EMS", ErrorCode.INVALID_ROW),
                new Tuple("purchases.csv", 4, "", "EMS", ErrorCode.INVALID_ROW),
                new Tuple("purchases.csv", 5, "", "EMS", ErrorCode.INVALID_ROW),
                new Tuple("purchases.csv", 6, "", "EMS", ErrorCode.INVALID_ROW),
                new Tuple("purchases.csv", 7, "", "EMS", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("'NO_SUCH_SKU'");
        assertThat(builder.build().subscriptions()).extracting(Subscription::quantity).containsExactly(3);
    }

    // --- group-licenses.csv

    @Test
    void rulesResolveDisabledPlansByNameOrGuidWithEitherSeparatorAndDefaultThePriority() {
        Path f = TestFiles.utf8(dir, "group-licenses.csv", """
                Group,SKU,Disabled Plans,Priority
                Sales,ENTERPRISEPACK,sway; 7547a3fe-08ee-4ccb-b430-5077c5041653,
                IT,enterprisepack,SWAY+YAMMER_ENTERPRISE,50
                IT,Enterprise Mobility + Security E3,,50
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            GroupLicensesReader.read(csv, builder, problems);
        }
        assertThat(problems).isEmpty();
        assertThat(builder.build().rules()).containsExactly(
                new LicenseRule("sales", "ENTERPRISEPACK", Plans.of("SWAY", "YAMMER_ENTERPRISE"), 100),
                new LicenseRule("it", "ENTERPRISEPACK", Plans.of("SWAY", "YAMMER_ENTERPRISE"), 50),
                new LicenseRule("it", "EMS", Plans.none(), 50));
    }

    @Test
    void badRuleRowsAreReportedAndSkipped() {
        Path f = TestFiles.utf8(dir, "group-licenses.csv", """
                group,sku,disabledPlans,priority
                Finance,NO_SUCH_SKU,,100
                Sales,ENTERPRISEPACK,NO_SUCH_PLAN,100
                Sales,ENTERPRISEPACK,INTUNE_A,100
                Sales,ENTERPRISEPACK,,high
                Sales,ENTERPRISEPACK,SWAY,
                Sales,ENTERPRISEPACK,sway,100
                Sales,ENTERPRISEPACK,SWAY,10
                Sales,Microsoft 365 Business Basic,,10
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            GroupLicensesReader.read(csv, builder, problems);
        }
        assertThat(problemRows()).containsExactly(
                new Tuple("group-licenses.csv", 2, "", "", ErrorCode.UNKNOWN_SKU),
                // A rule row whose group and product are readable freezes them rather than being dropped (issue 12).
                new Tuple("group-licenses.csv", 3, "", "ENTERPRISEPACK", ErrorCode.RULE_UNREADABLE),
                new Tuple("group-licenses.csv", 4, "", "ENTERPRISEPACK", ErrorCode.RULE_UNREADABLE),
                new Tuple("group-licenses.csv", 5, "", "ENTERPRISEPACK", ErrorCode.RULE_UNREADABLE),
                new Tuple("group-licenses.csv", 7, "", "ENTERPRISEPACK", ErrorCode.DUPLICATE_ROW),
                new Tuple("group-licenses.csv", 9, "", "", ErrorCode.AMBIGUOUS_PRODUCT_NAME));
        assertThat(problems.get(2).message()).contains("'INTUNE_A'", "ENTERPRISEPACK");
        assertThat(builder.build().rules()).extracting(LicenseRule::priority).containsExactly(100, 10);
    }

    // --- assignments.csv

    @Test
    void assignmentsGiveCurrentLicensesWithPlansAndManager() {
        Path f = TestFiles.utf8(dir, "assignments.csv", """
                user,sku,disabledPlans,assignedBy
                anna@contoso.example,ENTERPRISEPACK,SWAY,Sales
                anna@contoso.example,EMS,,Direct
                11111111-aaaa-4000-8000-000000000001,STANDARDPACK,,
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            AssignmentsReader.read(csv, builder, problems);
        }
        assertThat(problems).isEmpty();
        assertThat(builder.build().licensesOf(0)).containsExactly(
                new CurrentLicense("ENTERPRISEPACK", Plans.of("SWAY"), "Sales"),
                new CurrentLicense("EMS", Plans.none(), null),
                new CurrentLicense("STANDARDPACK", Plans.none(), null));
    }

    @Test
    void badAssignmentRowsNameTheReferencesThatResolved() {
        Path f = TestFiles.utf8(dir, "assignments.csv", """
                user,sku,disabledPlans,assignedBy
                nobody@contoso.example,ENTERPRISEPACK,,Direct
                bram@contoso.example,NO_SUCH_SKU,,Direct
                bram@contoso.example,ENTERPRISEPACK,NO_SUCH_PLAN,Direct
                bram@contoso.example,ENTERPRISEPACK,,Direct
                BRAM@contoso.example,enterprisepack,SWAY,direct
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            AssignmentsReader.read(csv, builder, problems);
        }
        // An unknown product is reported once per name, after the rows (issue 10); a second Direct row repeats a path.
        assertThat(problemRows()).containsExactly(
                new Tuple("assignments.csv", 2, "", "ENTERPRISEPACK", ErrorCode.UNKNOWN_USER),
                new Tuple("assignments.csv", 4, "bram@contoso.example", "ENTERPRISEPACK", ErrorCode.UNKNOWN_SERVICE_PLAN),
                new Tuple("assignments.csv", 6, "bram@contoso.example", "ENTERPRISEPACK", ErrorCode.DUPLICATE_ROW),
                new Tuple("assignments.csv", 3, "", "", ErrorCode.UNKNOWN_SKU));
        assertThat(builder.build().licensesOf(1)).containsExactly(
                new CurrentLicense("ENTERPRISEPACK", Plans.none(), null));
    }
}
