package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.TenantSnapshot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads activity.csv: the admin center's <em>Microsoft 365 active users</em> usage report (Graph
 * {@code getOffice365ActiveUserDetail}), optionally with sign-in columns ({@code signInActivity}).
 * A user's last activity is the latest of the workload dates and sign-ins (any workload counts for
 * all of the user's licenses); rows of users that users.csv lacks (deleted since, or never synced)
 * and rows marked deleted are skipped. A report whose names are concealed is refused as a whole:
 * matched to nobody, it would silently judge nobody.
 */
public final class ActivityReader {

    static final Column REFRESH_DATE = Column.of("Report Refresh Date", "reportRefreshDate");
    static final Column UPN = Column.of("User Principal Name", "userPrincipalName", "upn");
    static final Column IS_DELETED = Column.of("Is Deleted", "isDeleted");
    /** The report's per-workload columns, in its order. */
    static final List<Column> WORKLOADS = List.of(
            Column.of("Exchange Last Activity Date", "exchangeLastActivityDate"),
            Column.of("OneDrive Last Activity Date", "oneDriveLastActivityDate"),
            Column.of("SharePoint Last Activity Date", "sharePointLastActivityDate"),
            Column.of("Skype For Business Last Activity Date", "skypeForBusinessLastActivityDate"),
            Column.of("Yammer Last Activity Date", "yammerLastActivityDate"),
            Column.of("Teams Last Activity Date", "teamsLastActivityDate"));
    /**
     * Sign-ins (Graph's signInActivity, flattened by exports as "signInActivity.x" or "x"):
     * attempts count too, since a removal on a wrong guess is the worse mistake.
     */
    static final List<Column> SIGN_INS = List.of(
            Column.of("Last sign-in", "lastSignInDateTime", "signInActivity.lastSignInDateTime", "Last sign-in date",
                    "Last interactive sign-in"),
            Column.of("Last non-interactive sign-in", "lastNonInteractiveSignInDateTime",
                    "signInActivity.lastNonInteractiveSignInDateTime"),
            Column.of("Last successful sign-in", "lastSuccessfulSignInDateTime",
                    "signInActivity.lastSuccessfulSignInDateTime"));

    /** Concealed names are MD5-like hashes: hex digits, no '@'. */
    private static final Pattern CONCEALED = Pattern.compile("[0-9A-Fa-f]{16,}");

    /** The report privacy setting that conceals names, and how to turn it off (Graph: displayConcealedNames). */
    public static final String CONCEALED_SETTING = "In the Microsoft 365 admin center go to Settings > Org settings > "
            + "Services > Reports, clear 'Display concealed user, group, and site names in all reports', save,";

    static final String REMEDY = "Export it in the Microsoft 365 admin center (Reports > Usage > Active users > "
            + "Export), or with Graph's getOffice365ActiveUserDetail, and save it as "
            + "activity.csv.";

    private ActivityReader() {
    }

    public static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems) {
        new Run(file, builder, new RowProblems(file.name(), problems)).readAll();
    }

    /**
     * What a report names, before it is matched to anyone: rows that name a user, how many of them by a hash
     * (the first such name), and the latest refresh date. {@link Names#concealed()} is the rule {@link #read}
     * refuses a report by.
     */
    public record Names(int named, int concealedRows, String firstConcealed, LocalDate refreshed) {

        /** Most names without '@' and hex-like: the tenant conceals names in reports. */
        public boolean concealed() {
            return concealedRows > 0 && concealedRows * 2 > named;
        }
    }

    /**
     * Checks a report's header as {@link #read} does (refused with the same messages) and counts its names, row
     * by row: the snapshot does not write a report that every run would refuse.
     */
    public static Names names(CsvFile file) {
        file.require(REFRESH_DATE, REMEDY);
        int upn = file.require(UPN, REMEDY);
        int refresh = file.column(REFRESH_DATE);
        requireDateColumn(file);
        int named = 0;
        int concealed = 0;
        String first = null;
        LocalDate refreshed = null;
        for (CsvRecord r : file) {
            String name = r.get(upn);
            if (name.isEmpty()) {
                continue;
            }
            named++;
            if (name.indexOf('@') < 0 && CONCEALED.matcher(name).matches() && concealed++ == 0) {
                first = name;
            }
            LocalDate day = r.get(refresh).isEmpty() ? null : ActivityDates.parse(r.get(refresh));
            if (day != null && (refreshed == null || day.isAfter(refreshed))) {
                refreshed = day;
            }
        }
        return new Names(named, concealed, first, refreshed);
    }

    /** Refuses a file with neither a workload date nor a sign-in column. */
    private static void requireDateColumn(CsvFile file) {
        for (List<Column> group : List.of(WORKLOADS, SIGN_INS)) {
            for (Column c : group) {
                if (file.column(c) >= 0) {
                    return;
                }
            }
        }
        throw new InputFileException(file.name(), file.headerLine(), "no activity column: the file needs "
                + "the report's '… Last Activity Date' columns (such as '" + WORKLOADS.get(0).name()
                + "') or a sign-in column ('" + SIGN_INS.get(0).name() + "'). " + REMEDY);
    }

    private static final class Run {
        private final CsvFile file;
        private final TenantSnapshot.Builder builder;
        private final RowProblems problems;
        private final int refresh;
        private final int upn;
        private final int deleted;
        private final List<Column> dateColumns = new ArrayList<>();
        private final List<Integer> dateIndexes = new ArrayList<>();
        private final LastUser users;
        private int named;
        private int concealed;
        private int firstConcealedLine;
        private String firstConcealed;

        Run(CsvFile file, TenantSnapshot.Builder builder, RowProblems problems) {
            this.file = file;
            this.builder = builder;
            this.problems = problems;
            this.refresh = file.require(REFRESH_DATE, REMEDY);
            this.upn = file.require(UPN, REMEDY);
            this.deleted = file.column(IS_DELETED);
            this.users = new LastUser(builder);
            for (List<Column> group : List.of(WORKLOADS, SIGN_INS)) {
                for (Column c : group) {
                    int i = file.column(c);
                    if (i >= 0) {
                        dateColumns.add(c);
                        dateIndexes.add(i);
                    }
                }
            }
            if (dateIndexes.isEmpty()) {
                requireDateColumn(file);
            }
        }

        void readAll() {
            for (CsvRecord r : file) {
                readRow(r);
            }
            if (new Names(named, concealed, firstConcealed, null).concealed()) {
                throw new InputFileException(file.name(), firstConcealedLine, "the user names in this report are "
                        + "concealed (" + concealed + " of " + named + " rows name a user by a hash such as "
                        + Values.quote(firstConcealed) + " instead of a user principal name), so no row can be "
                        + "matched to a user. " + CONCEALED_SETTING + " and export the report again (the setting "
                        + "applies to new exports only).");
            }
        }

        private void readRow(CsvRecord r) {
            String name = r.get(upn);
            if (name.isEmpty()) {
                problems.missingValue(r.line(), UPN);
                return;
            }
            named++;
            if (name.indexOf('@') < 0) {
                if (CONCEALED.matcher(name).matches()) {
                    if (concealed++ == 0) {
                        firstConcealedLine = r.line();
                        firstConcealed = name;
                    }
                    return;
                }
                problems.report(r.line(), ErrorCode.INVALID_ROW, Values.quote(name) + " is not a user principal "
                        + "name (it needs the form name@domain).", "Correct the user principal name or delete the row.");
                return;
            }
            if (Boolean.TRUE.equals(Values.flag(r.get(deleted)))) {
                return; // a deleted user holds no license to reclaim
            }
            int user = users.index(name);
            if (user < 0) {
                return; // not in users.csv: deleted or created since the report
            }
            String upnAsListed = builder.upn(user);
            String refreshCell = r.get(refresh);
            LocalDate refreshed = refreshCell.isEmpty() ? null : ActivityDates.parse(refreshCell);
            if (refreshed == null) {
                badDate(r, upnAsListed, REFRESH_DATE, refreshCell);
                return;
            }
            LocalDate latest = null;
            for (int c = 0; c < dateIndexes.size(); c++) {
                String cell = r.get(dateIndexes.get(c));
                if (cell.isEmpty()) {
                    continue;
                }
                LocalDate day = ActivityDates.parse(cell);
                if (day == null) {
                    badDate(r, upnAsListed, dateColumns.get(c), cell);
                    return;
                }
                if (latest == null || day.isAfter(latest)) {
                    latest = day;
                }
            }
            builder.activityReportRefreshed(refreshed);
            builder.inActivityReport(user);
            if (latest != null) {
                builder.activeOn(user, latest);
            }
        }

        private void badDate(CsvRecord r, String user, Column column, String cell) {
            String shown = cell.isEmpty() ? "an empty cell" : Values.quote(cell);
            problems.report(r.line(), user, null, ErrorCode.INVALID_ROW, shown + " in column '" + column.name()
                    + "' is not a date; the user's activity is not judged.", "Write the date as "
                    + ActivityDates.FORMS + ", or export the report again.");
        }
    }
}
