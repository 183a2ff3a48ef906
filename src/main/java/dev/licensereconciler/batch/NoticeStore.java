package dev.licensereconciler.batch;

import dev.licensereconciler.domain.InactiveNotice;
import dev.licensereconciler.domain.InactivityNotices;
import dev.licensereconciler.report.ReportLayout;
import dev.licensereconciler.report.ReportLayout.Column;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

import java.time.LocalDate;
import java.util.List;

/**
 * The job's record of notices of inactivity (LR_NOTICE, R11 with {@code reclaim: inactive}): each
 * run stores the notices it gives, as its own rows (a store step, so a restart neither loses nor
 * doubles them), and reads those of the job's last published run. Rows of the run itself and of
 * runs that never published are not read, so a restarted run starts from the same record as it did
 * the first time, and recomputes the same plan.
 */
final class NoticeStore {

    static final ReportLayout<InactiveNotice> LAYOUT = new ReportLayout<>(null, "LR_NOTICE", List.of(
            Column.text("user", "USER_UPN", InactiveNotice::user),
            Column.text("sku", "SKU", InactiveNotice::sku),
            Column.text("firstRun", "FIRST_RUN", InactiveNotice::firstRun),
            Column.integer("runs", "RUNS", InactiveNotice::runs),
            Column.text("lastActive", "LAST_ACTIVE", n -> n.lastActive() == null ? null : n.lastActive().toString()),
            Column.text("removedNextRun", "REMOVED_NEXT", n -> Boolean.toString(n.removedNextRun()))));

    private final JdbcTemplate jdbc;

    NoticeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The notices as they stood when run {@code runId} of the job started. */
    InactivityNotices before(String jobName, String runId) {
        String last = jdbc.query("SELECT RUN_ID FROM LR_RUN WHERE JOB_NAME = ? AND RUN_ID <> ? AND PUBLISHED_AT IS NOT NULL "
                        + "ORDER BY PUBLISHED_AT DESC, RUN_ID DESC",
                (ResultSetExtractor<String>) rs -> rs.next() ? rs.getString(1) : null, jobName, runId);
        if (last == null) {
            return new InactivityNotices(runId, List.of());
        }
        List<InactiveNotice> prior = jdbc.query("SELECT USER_UPN, SKU, FIRST_RUN, RUNS, LAST_ACTIVE, REMOVED_NEXT "
                        + "FROM LR_NOTICE WHERE JOB_NAME = ? AND RUN_ID = ? ORDER BY SEQ",
                (rs, i) -> new InactiveNotice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5) == null ? null : LocalDate.parse(rs.getString(5)),
                        Boolean.parseBoolean(rs.getString(6))),
                jobName, last);
        return new InactivityNotices(runId, prior);
    }
}
