package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.CurrentLicense;
import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseRequest;
import dev.licensereconciler.domain.LicenseRule;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.Subscription;
import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.domain.TenantUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Files shaped by Entra's bulk templates (a "version:v1.0" first line, headers written
 * "Item name [propertyName] Required") and products named by AccountSkuId ("contoso:ENTERPRISEPACK",
 * as MSOnline exports name them) (issue 10).
 */
class EntraShapesTest {

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();
    private TenantSnapshot.Builder builder;

    @BeforeEach
    void users() {
        builder = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        builder.addUser(new TenantUser("anna@contoso.example", "Anna", "11111111-aaaa-4000-8000-000000000001",
                false, false, "NL"));
        builder.addUser(new TenantUser("bram@contoso.example", "Bram", "22222222-bbbb-4000-8000-000000000002",
                false, false, "NL"));
    }

    // --- version line and template headers

    @Test
    void membersFromEntrasImportTemplateAreReadAfterItsVersionLineWithTheirOwnLineNumbers() {
        // The template as Excel saves it: the version in a cell of its own, the member column named the
        // template's way, with a group column added.
        Path f = TestFiles.excelUtf8(dir, "group-memberships.csv", """
                version:v1.0,
                group,Member object ID or user principal name [memberObjectIdOrUpn] Required
                Sales,anna@contoso.example
                Sales,22222222-bbbb-4000-8000-000000000002
                Sales,nobody@contoso.example
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            assertThat(csv.headerLine()).isEqualTo(2);
            GroupMembershipsReader.read(csv, builder, problems);
        }

        assertThat(builder.build().membersOf("Sales")).containsExactly(0, 1);
        assertThat(problems).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("group-memberships.csv", 5, ErrorCode.UNKNOWN_USER));
    }

    @Test
    void memberColumnsNamedLikeTheTemplatesPropertyOrItemAreAccepted() {
        for (String header : List.of("memberObjectIdOrUpn", "Member object ID or user principal name",
                "Member object ID or user principal name [memberObjectIdOrUpn]")) {
            Path f = TestFiles.utf8(dir, "group-memberships.csv", "group,\"" + header + "\"\nIT,bram@contoso.example\n");
            try (CsvFile csv = CsvFile.open(f)) {
                assertThat(csv.column(GroupMembershipsReader.MEMBER)).as(header).isEqualTo(1);
            }
        }
    }

    @Test
    void aVersionLineIsSkippedInAnyInputAlsoAfterExcelsSepHintAndWithSemicolons() {
        Path users = TestFiles.excelWindows1252(dir, "users.csv", """
                sep=;
                version:v1.0;;
                Name [displayName] Required;User name [userPrincipalName] Required;Usage location [usageLocation];Account enabled [accountEnabled]
                Zoë;zoe@contoso.example;NL;true
                """);
        TenantSnapshot.Builder b = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        try (CsvFile csv = CsvFile.open(users)) {
            assertThat(csv.separator()).isEqualTo(';');
            assertThat(csv.headerLine()).isEqualTo(3);
            UsersReader.read(csv, b, true, problems);
        }
        Path purchases = TestFiles.utf8(dir, "purchases.csv", "version:v1.0\nsku,quantity\nEMS,x\n");
        try (CsvFile csv = CsvFile.open(purchases)) {
            PurchasesReader.read(csv, builder, problems);
        }

        TenantSnapshot s = b.build();
        assertThat(s.userCount()).isEqualTo(1);
        assertThat(s.user(0)).isEqualTo(new TenantUser("zoe@contoso.example", "Zoë", "", false, false, "NL"));
        assertThat(problems).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("purchases.csv", 3, ErrorCode.INVALID_ROW));
    }

    @Test
    void aFileWithOnlyAVersionLineIsEmpty() {
        Path f = TestFiles.utf8(dir, "purchases.csv", "version:v1.0\n");
        assertThatThrownBy(() -> CsvFile.open(f)).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("purchases.csv: the file is empty");
    }

    // --- AccountSkuId

    @Test
    void accountSkuIdsNameProductsInPurchasesRulesAssignmentsAndTheLicensesColumn() {
        Path purchases = TestFiles.utf8(dir, "purchases.csv", """
                sku,quantity
                contoso:ENTERPRISEPACK,5
                reseller-account:STANDARDPACK,2
                contoso:NO_SUCH_SKU,1
                """);
        Path rules = TestFiles.utf8(dir, "group-licenses.csv", "group,sku\nSales,contoso:EMS\n");
        Path assignments = TestFiles.utf8(dir, "assignments.csv", """
                user,sku,disabledPlans,assignedBy
                anna@contoso.example,contoso:ENTERPRISEPACK,SWAY,Direct
                """);
        try (CsvFile csv = CsvFile.open(purchases)) {
            PurchasesReader.read(csv, builder, problems);
        }
        try (CsvFile csv = CsvFile.open(rules)) {
            GroupLicensesReader.read(csv, builder, problems);
        }
        try (CsvFile csv = CsvFile.open(assignments)) {
            AssignmentsReader.read(csv, builder, problems);
        }
        Path users = TestFiles.utf8(dir, "users.csv", "userPrincipalName,Licenses,usageLocation,accountEnabled\n"
                + "carla@contoso.example,contoso:ENTERPRISEPACK+contoso:EMS,NL,true\n");
        TenantSnapshot.Builder b = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        try (CsvFile csv = CsvFile.open(users)) {
            UsersReader.read(csv, b, true, problems);
        }

        TenantSnapshot s = builder.build();
        assertThat(s.subscriptions()).extracting(Subscription::sku).containsExactly("ENTERPRISEPACK", "STANDARDPACK");
        assertThat(s.rules()).extracting(LicenseRule::sku).containsExactly("EMS");
        assertThat(s.licensesOf(0)).extracting(CurrentLicense::sku).containsExactly("ENTERPRISEPACK");
        assertThat(b.build().licensesOf(0)).extracting(CurrentLicense::sku).containsExactly("ENTERPRISEPACK", "EMS");
        assertThat(problems).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("purchases.csv", 4, ErrorCode.UNKNOWN_SKU));
        assertThat(problems.get(0).message()).contains("'contoso:NO_SUCH_SKU'");
    }

    @Test
    void requestsNameProductsByAccountSkuIdToo() {
        Path f = TestFiles.excelUtf8(dir, "requests.csv", """
                user,action,sku,disabledPlans
                bram@contoso.example,ASSIGN,contoso:ENTERPRISEPACK+reseller-account:EMS,SWAY
                """);
        List<LicenseRequest> requests;
        try (CsvFile csv = CsvFile.open(f)) {
            requests = RequestsReader.read(csv, builder.build(), problems);
        }
        assertThat(problems).isEmpty();
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.skus()).containsExactly("ENTERPRISEPACK", "EMS");
            assertThat(r.line()).isEqualTo(2);
        });
    }
}
