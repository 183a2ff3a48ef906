package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.support.InactiveTenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** activity.csv as the admin center exports it, and the creation and sign-in dates of users.csv. */
class ActivityReaderTest {

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();

    private static final String ENTRA_USERS = """
            userPrincipalName,displayName,accountEnabled,usageLocation,createdDateTime,signInActivity.lastSignInDateTime,signInActivity.lastNonInteractiveSignInDateTime
            ada@contoso.example,Ada,true,NL,2024-02-01T08:00:00Z,,
            ben@contoso.example,Ben,true,NL,2024-02-01T08:00:00Z,2026-11-20T07:31:00Z,
            cem@contoso.example,Cem,true,NL,2025-03-01T08:00:00Z,,
            dora@contoso.example,Dora,true,NL,2026-10-15T08:00:00Z,,
            eli@contoso.example,Eli,true,NL,2024-02-01T08:00:00Z,2025-05-01T10:00:00Z,2026-09-30T23:59:00+02:00
            fay@contoso.example,Fay,true,NL,,,
            """;

    private TenantSnapshot read(String users, String activity) {
        TenantSnapshot.Builder b = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        try (CsvFile f = CsvFile.open(TestFiles.utf8(dir, "users.csv", users))) {
            UsersReader.read(f, b, false, problems);
        }
        if (activity != null) {
            try (CsvFile f = CsvFile.open(TestFiles.excelUtf8(dir, "activity.csv", activity))) {
                ActivityReader.read(f, b, problems);
            }
        }
        return b.build();
    }

    private static int days(TenantSnapshot s, String upn) {
        return s.daysInactive(s.userIndex(upn));
    }

    @Test
    void theLatestOfWorkloadDatesAndSignInsCountsAndNeverActiveUsersCountFromTheirCreation() {
        TenantSnapshot s = read(ENTRA_USERS, InactiveTenant.ACTIVITY_HEADER + "\n"
                + InactiveTenant.activityRow("ada@contoso.example", "2026-01-05", "", "2026-02-11") + "\n"
                + InactiveTenant.activityRow("ben@contoso.example", "2026-02-01") + "\n"
                + InactiveTenant.activityRow("cem@contoso.example") + "\n"
                + InactiveTenant.activityRow("dora@contoso.example") + "\n"
                + InactiveTenant.activityRow("eli@contoso.example", "2025-12-01") + "\n"
                + InactiveTenant.activityRow("fay@contoso.example") + "\n");

        assertThat(problems).isEmpty();
        assertThat(s.activityRefreshDate()).isEqualTo(LocalDate.of(2026, 11, 28));
        // SharePoint on 11 February is later than Exchange in January.
        assertThat(days(s, "ada@contoso.example")).isEqualTo(290);
        assertThat(s.lastActive(s.userIndex("ada@contoso.example"))).isEqualTo(LocalDate.of(2026, 2, 11));
        // Ben's sign-in (users.csv) is later than any workload.
        assertThat(days(s, "ben@contoso.example")).isEqualTo(8);
        // Never active: from the creation.
        assertThat(days(s, "cem@contoso.example")).isEqualTo(637);
        assertThat(days(s, "dora@contoso.example")).isEqualTo(44);
        // A non-interactive sign-in counts, taken in UTC (21:59 on 30 September).
        assertThat(days(s, "eli@contoso.example")).isEqualTo(59);
        // No date at all: not judged.
        assertThat(days(s, "fay@contoso.example")).isEqualTo(-1);
    }

    @Test
    void signInColumnsInTheActivityFileCountAndUsersNotInTheReportAreNotJudged() {
        TenantSnapshot s = read(ENTRA_USERS, """
                Report Refresh Date,User Principal Name,Exchange Last Activity Date,lastSignInDateTime
                2026-11-28,ada@contoso.example,2026-01-05,2026-11-01T09:00:00Z
                2026-11-28,cem@contoso.example,,
                """);

        assertThat(days(s, "ada@contoso.example")).isEqualTo(27);
        assertThat(days(s, "cem@contoso.example")).isEqualTo(637);
        assertThat(days(s, "ben@contoso.example")).as("not in the report").isEqualTo(-1);
    }

    @Test
    void withoutAnActivityReportNobodyIsJudged() {
        TenantSnapshot s = read(ENTRA_USERS, null);

        assertThat(s.hasActivityReport()).isFalse();
        assertThat(days(s, "cem@contoso.example")).isEqualTo(-1);
    }

    @Test
    void theAdminCentersWhenCreatedIsReadMonthFirst() {
        String header = UsersReaderTest.ADMIN_HEADER;
        String row = UsersReaderTest.adminRow("False", "Cem", "Unlicensed", "0f1e2d3c-0000-4000-8000-000000000001",
                "NL", "cem@contoso.example").replace("2020-03-01 09:00:00", "3/4/2025 10:36:18 AM");
        TenantSnapshot s = read(header + "\n" + row + "\n",
                InactiveTenant.ACTIVITY_HEADER + "\n" + InactiveTenant.activityRow("cem@contoso.example") + "\n");

        assertThat(problems).isEmpty();
        assertThat(s.lastActive(0)).isEqualTo(LocalDate.of(2025, 3, 4));
    }

    @Test
    void deletedUsersAndUsersUnknownToUsersCsvAreSkippedQuietly() {
        TenantSnapshot s = read(ENTRA_USERS, InactiveTenant.ACTIVITY_HEADER + "\n"
                + InactiveTenant.activityRow("left@contoso.example", "2024-01-01") + "\n"
                + InactiveTenant.activityRow("ada@contoso.example", "2026-01-05").replace(",False,,", ",True,2026-11-01,")
                + "\n");

        assertThat(problems).isEmpty();
        assertThat(days(s, "ada@contoso.example")).isEqualTo(-1);
    }

    @Test
    void aDateThatCannotBeReadIsReportedAndTheUserIsNotJudged() {
        TenantSnapshot s = read(ENTRA_USERS.replace("2025-03-01T08:00:00Z", "01/03/2025"), """
                Report Refresh Date,User Principal Name,Exchange Last Activity Date
                2026-11-28,ada@contoso.example,05/01/2026
                2026-11-28,cem@contoso.example,
                """);

        assertThat(problems).extracting(Problem::file, Problem::line, Problem::user, Problem::code).containsExactly(
                tuple("users.csv", 4, "cem@contoso.example", ErrorCode.INVALID_ROW),
                tuple("activity.csv", 2, "ada@contoso.example", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("'01/03/2025' in column 'createdDateTime' is not a date",
                "the user is read without it");
        assertThat(problems.get(1).message()).contains("'05/01/2026' in column 'Exchange Last Activity Date'");
        assertThat(problems.get(1).fix()).contains("YYYY-MM-DD");
        assertThat(days(s, "ada@contoso.example")).isEqualTo(-1);
        assertThat(days(s, "cem@contoso.example")).as("no creation date either").isEqualTo(-1);
    }

    @Test
    void aReportWithConcealedNamesIsRefusedNamingTheSettingToChange() {
        // What the report holds while "Display concealed user, group, and site names in all reports" is on.
        String concealed = InactiveTenant.ACTIVITY_HEADER + "\n"
                + InactiveTenant.activityRow("4F8E1D4BC5A24D0CB6A6A5E3C1B9D2F7", "2026-11-01") + "\n"
                + InactiveTenant.activityRow("9B2C7E14D0A3458F8C6B1E2D3F4A5B6C", "2026-01-01") + "\n"
                + InactiveTenant.activityRow("ada@contoso.example", "2026-01-05") + "\n";

        assertThatThrownBy(() -> read(ENTRA_USERS, concealed))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("activity.csv line 2: the user names in this report are concealed (2 of 3 rows")
                .hasMessageContaining("'4F8E1D4BC5A24D0CB6A6A5E3C1B9D2F7'",
                        "Settings > Org settings > Services > Reports",
                        "'Display concealed user, group, and site names in all reports'", "export the report again");
    }

    @Test
    void aFileWithoutActivityColumnsIsRefused() {
        assertThatThrownBy(() -> read(ENTRA_USERS, "Report Refresh Date,User Principal Name\n2026-11-28,ada@contoso.example\n"))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("activity.csv line 1: no activity column", "'Exchange Last Activity Date'");
    }

    @Test
    void datesInEachExportsForm() {
        assertThat(ActivityDates.parse("2026-11-28")).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(ActivityDates.parse("2026-11-28T23:30:00Z")).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(ActivityDates.parse("2026-11-29T00:30:00+01:00")).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(ActivityDates.parse("2026-11-28T08:00:00.1234567Z")).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(ActivityDates.parse("2026-11-28 08:00:00 UTC")).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(ActivityDates.parse("11/28/2026 8:00:00 PM")).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(ActivityDates.parse("28/11/2026")).isNull();
        assertThat(ActivityDates.parse("2026-02-30")).isNull();
        assertThat(ActivityDates.parse("yesterday")).isNull();
    }
}
