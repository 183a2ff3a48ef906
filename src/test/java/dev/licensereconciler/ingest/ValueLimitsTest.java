package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Catalog;
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

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Values too long or too large for what the run stores them in (issue 12): each is a bad row of
 * its file, reported with its column, its length and the limit, and skipped, while the file's
 * other rows are read.
 */
class ValueLimitsTest {

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();
    private TenantSnapshot.Builder builder;

    @BeforeEach
    void users() {
        builder = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        builder.addUser(new TenantUser("anna@contoso.example", "Anna", "", false, false, "NL"));
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    private List<Object> rows() {
        return problems.stream().map(p -> (Object) tuple(p.file(), p.line(), p.sku(), p.code())).toList();
    }

    // --- users.csv

    @Test
    void aUpnLongerThanEntraAllowsIsAnInvalidRowNamingColumnLengthAndLimit() {
        String longUpn = repeat('a', 988) + "@contoso.com"; // 1,000 characters
        String longest = repeat('b', 64) + "@" + repeat('c', 44) + ".com"; // 113: Entra's maximum
        Path f = TestFiles.excelUtf8(dir, "users.csv", UsersReaderTest.ADMIN_HEADER + "\n"
                + UsersReaderTest.adminRow("False", "Anna", "Unlicensed", "", "NL", "anna@contoso.example") + "\n"
                + UsersReaderTest.adminRow("False", "Long", "Unlicensed", "", "NL", longUpn) + "\n"
                + UsersReaderTest.adminRow("False", "Longest", "Unlicensed", "", "NL", longest) + "\n");
        TenantSnapshot.Builder b = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        try (CsvFile csv = CsvFile.open(f)) {
            UsersReader.read(csv, b, true, problems);
        }
        TenantSnapshot s = b.build();

        assertThat(s.userCount()).isEqualTo(2);
        assertThat(s.user(1).upn()).hasSize(113);
        assertThat(problems).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("users.csv", 3, ErrorCode.INVALID_ROW));
        Problem p = problems.get(0);
        assertThat(p.message()).contains("column 'User principal name'", "1,000 characters", "113 characters",
                "Microsoft Entra", "'" + repeat('a', 40) + "...' (1,000 characters)");
        assertThat(p.message()).hasSizeLessThan(300);
        assertThat(p.fix()).contains("at most 113 characters");
    }

    // --- purchases.csv

    @Test
    void pricesOutOfRangeInExponentFormOrFinerThanCentsAreInvalidRows() {
        Path f = TestFiles.excelWindows1252(dir, "purchases.csv", """
                sku;quantity;unitPrice;currency
                EMS;1;123456789012345,99;EUR
                EMS;1;1e999999999;EUR
                EMS;1;36,125;EUR
                EMS;1;999.999.999.999,99;EUR
                EMS;1;36,000;EUR
                EMS;1;%s;EUR
                """.formatted("0".repeat(5000) + "1"));
        try (CsvFile csv = CsvFile.open(f)) {
            PurchasesReader.read(csv, builder, problems);
        }

        assertThat(rows()).containsExactly(
                tuple("purchases.csv", 2, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 3, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 4, "EMS", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("'123456789012345,99' in column 'unitPrice'",
                "15 digits before the decimal mark, more than 12", "999,999,999,999.99");
        assertThat(problems.get(1).message()).contains("'1e999999999'", "exponent form");
        assertThat(problems.get(2).message()).contains("'36,125'", "3 decimals, more than 2");
        // The largest storable price, trailing zero decimals and leading zeros are fine.
        assertThat(builder.build().subscriptions()).extracting(Subscription::unitPrice).containsExactly(
                new BigDecimal("999999999999.99"), new BigDecimal("36.00"), new BigDecimal("1"));
    }

    @Test
    void quantitiesBeyondTheIntRangeAndSeatsAddingUpBeyondItAreInvalidRows() {
        Path f = TestFiles.utf8(dir, "purchases.csv", """
                sku,quantity,status,channel
                EMS,99999999999,Enabled,Admin
                EMS,2000000000,Enabled,Admin
                EMS,147483647,Enabled,Admin
                EMS,1,Enabled,Admin
                EMS,2000000000,Enabled,SelfService
                ENTERPRISEPACK,2147483647,Enabled,Admin
                """);
        try (CsvFile csv = CsvFile.open(f)) {
            PurchasesReader.read(csv, builder, problems);
        }

        assertThat(rows()).containsExactly(
                tuple("purchases.csv", 2, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 5, "EMS", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("'99999999999' in column 'quantity'", "at most 2,147,483,647");
        assertThat(problems.get(1).message()).contains("with quantity 1 the seats of EMS add up to 2,147,483,648",
                "more than the limit of 2,147,483,647 seats");
        // Self-service seats are no admin's capacity, so they do not count towards the sum.
        assertThat(builder.build().subscriptions()).extracting(Subscription::quantity)
                .containsExactly(2000000000, 147483647, 2000000000, 2147483647);
    }

    @Test
    void currencyCodesAndPurchaserAddressesLongerThanTheirLimitsAreInvalidRows() {
        String longAddress = repeat('p', 250) + "@contoso.example";
        Path f = TestFiles.utf8(dir, "purchases.csv", """
                sku,quantity,purchaser,unitPrice,currency
                EMS,1,buyer@contoso.example,10.00,EURO-DOLLARS
                EMS,1,buyer@contoso.example,10.00,EU1
                EMS,1,"buyer@contoso.example; %s",10.00,EUR
                EMS,2,buyer@contoso.example,10.00,eur
                """.formatted(longAddress));
        try (CsvFile csv = CsvFile.open(f)) {
            PurchasesReader.read(csv, builder, problems);
        }

        assertThat(rows()).containsExactly(
                tuple("purchases.csv", 2, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 3, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 4, "EMS", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("column 'currency'", "12 characters", "10 characters");
        assertThat(problems.get(1).message()).contains("'EU1'", "letters");
        assertThat(problems.get(2).message()).contains("column 'purchaser'", "266 characters", "254 characters");
        assertThat(builder.build().subscriptions()).extracting(Subscription::quantity).containsExactly(2);
    }

    @Test
    void aProductCellLongerThanAnyProductNameIsAnInvalidRowNotAQuotedMegabyte() {
        String cell = repeat('X', 100_000);
        Path f = TestFiles.utf8(dir, "purchases.csv", "sku,quantity\n" + cell + ",1\nEMS,1\n");
        try (CsvFile csv = CsvFile.open(f)) {
            PurchasesReader.read(csv, builder, problems);
        }

        assertThat(rows()).containsExactly(tuple("purchases.csv", 2, "", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("column 'sku'", "100,000 characters", "400 characters")
                .hasSizeLessThan(300);
    }

    // --- group-licenses.csv, group-memberships.csv, assignments.csv

    @Test
    void groupNamesLongerThanEntraAllowsAreInvalidRowsInRulesMembershipsAndAssignments() {
        String longGroup = "LIC-" + repeat('g', 300);
        Path rules = TestFiles.utf8(dir, "group-licenses.csv", """
                group,sku,disabledPlans,priority
                %s,EMS,,100
                Sales,EMS,,99999999999
                Sales,ENTERPRISEPACK,,100
                """.formatted(longGroup));
        Path members = TestFiles.utf8(dir, "group-memberships.csv", """
                group,member
                %s,anna@contoso.example
                Sales,anna@contoso.example
                """.formatted(longGroup));
        Path assignments = TestFiles.utf8(dir, "assignments.csv", """
                user,sku,disabledPlans,assignedBy
                anna@contoso.example,EMS,,%s
                anna@contoso.example,ENTERPRISEPACK,,Sales
                """.formatted(longGroup));
        try (CsvFile csv = CsvFile.open(rules)) {
            GroupLicensesReader.read(csv, builder, problems);
        }
        try (CsvFile csv = CsvFile.open(members)) {
            GroupMembershipsReader.read(csv, builder, problems);
        }
        try (CsvFile csv = CsvFile.open(assignments)) {
            AssignmentsReader.read(csv, builder, problems);
        }

        assertThat(rows()).containsExactly(
                tuple("group-licenses.csv", 2, "", ErrorCode.INVALID_ROW),
                tuple("group-licenses.csv", 3, "EMS", ErrorCode.RULE_UNREADABLE),
                tuple("group-memberships.csv", 2, "", ErrorCode.INVALID_ROW),
                tuple("assignments.csv", 2, "EMS", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("column 'group'", "304 characters", "256 characters");
        assertThat(problems.get(1).message()).contains("'99999999999'", "out of range", "2,147,483,647");
        assertThat(problems.get(2).message()).contains("column 'group'", "304 characters");
        assertThat(problems.get(3).message()).contains("column 'assignedBy'", "304 characters");
        TenantSnapshot s = builder.build();
        assertThat(s.rules()).extracting(LicenseRule::sku).containsExactly("ENTERPRISEPACK");
        assertThat(s.membersOf("Sales")).containsExactly(0);
        assertThat(s.licensesOf(0)).hasSize(1);
    }

    // --- requests.csv

    @Test
    void aRequestNamingAnOverlongUserIsReportedWithTheUserCutShort() {
        Path f = TestFiles.excelUtf8(dir, "requests.csv", """
                user,action,sku,disabledPlans
                %s,ASSIGN,EMS,
                anna@contoso.example,%s,EMS,
                anna@contoso.example,ASSIGN,EMS,
                """.formatted(repeat('r', 5000) + "@contoso.example", repeat('A', 5000)));
        List<LicenseRequest> requests;
        try (CsvFile csv = CsvFile.open(f)) {
            requests = RequestsReader.read(csv, builder.build(), problems);
        }

        assertThat(rows()).containsExactly(
                tuple("requests.csv", 2, "", ErrorCode.UNKNOWN_USER),
                tuple("requests.csv", 3, "", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("(5,016 characters)").hasSizeLessThan(200);
        assertThat(problems.get(1).message()).contains("(5,000 characters)").hasSizeLessThan(200);
        assertThat(requests).hasSize(1);
    }

    // --- catalog

    @Test
    void aCatalogRowWithAnOverlongStringIdOrNameOrTooManyPlanCharactersIsAnInvalidRow() {
        StringBuilder csv = new StringBuilder(
                "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names\n");
        csv.append("Long id,").append(repeat('L', 101)).append(",11111111-0000-4000-8000-000000000001,PLAN_A,,A\n");
        csv.append(repeat('N', 401)).append(",LONGNAME,11111111-0000-4000-8000-000000000002,PLAN_A,,A\n");
        // 40 plans of 99 characters: joined with ';' they pass 4,000 characters at the 41st.
        for (int i = 0; i < 41; i++) {
            csv.append("Many plans,MANYPLANS,11111111-0000-4000-8000-000000000003,")
                    .append(String.format("P%02d", i)).append(repeat('_', 96)).append(",,plan\n");
        }
        Path f = TestFiles.excelUtf8(dir, "catalog.csv", csv.toString());
        Catalog catalog = ReferenceData.loadCatalog(f, problems);

        assertThat(problems).extracting(Problem::line, Problem::code).containsExactly(
                tuple(2, ErrorCode.INVALID_ROW), tuple(3, ErrorCode.INVALID_ROW), tuple(44, ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("column 'String_Id'", "101 characters", "100 characters");
        assertThat(problems.get(1).message()).contains("column 'Product_Display_Name'", "401 characters");
        assertThat(problems.get(2).message()).contains("'MANYPLANS'", "4,099 characters", "4,000 characters");
        assertThat(catalog.product("MANYPLANS").orElseThrow().plans()).hasSize(40);
        assertThat(catalog.product("LONGNAME")).isEmpty();
    }
}
