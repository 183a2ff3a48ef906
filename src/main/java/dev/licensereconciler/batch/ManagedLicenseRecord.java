package dev.licensereconciler.batch;

import dev.licensereconciler.domain.ManagedChange;
import dev.licensereconciler.domain.ManagedLicenses;
import dev.licensereconciler.domain.TenantSnapshot;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * LR_MANAGED: the nightly job's record of the licenses it manages (R3), per job. A run reads the
 * record as it was when the run started (its own changes left out, the entries it ended still in),
 * so a resumed run recomputes the same plan; it writes its changes in the publish transaction, so
 * the record changes exactly when a run's results become the published ones.
 */
final class ManagedLicenseRecord {

    private static final int BATCH = 1_000;

    private final JdbcTemplate jdbc;

    ManagedLicenseRecord(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The record as of the start of {@code runId}, matched to the snapshot's users. Unordered: the
     * record is a set (bit sets per product), so a million rows need no sort in the database.
     */
    ManagedLicenses load(String jobName, String runId, TenantSnapshot snapshot) {
        ManagedLicenses.Builder record = ManagedLicenses.builder(snapshot);
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT USER_KEY, SKU FROM LR_MANAGED WHERE JOB_NAME = ? AND SINCE_RUN <> ? "
                    + "AND (UNTIL_RUN IS NULL OR UNTIL_RUN = ?)");
            ps.setString(1, jobName);
            ps.setString(2, runId);
            ps.setString(3, runId);
            ps.setFetchSize(BATCH);
            return ps;
        }, rs -> {
            record.add(rs.getString(1), rs.getString(2));
        });
        return record.build();
    }

    /** Writes a run's changes; called inside the publish step's transaction. */
    void publish(String jobName, String runId, List<ManagedChange> changes) {
        // Entries ended by earlier (published) runs are no longer needed: no earlier run is resumed.
        jdbc.update("DELETE FROM LR_MANAGED WHERE JOB_NAME = ? AND UNTIL_RUN IS NOT NULL AND UNTIL_RUN <> ?",
                jobName, runId);
        List<Object[]> starts = changes.stream().filter(ManagedChange::managed)
                .map(c -> new Object[] {jobName, c.userKey(), c.sku(), runId}).toList();
        List<Object[]> ends = changes.stream().filter(c -> !c.managed())
                .map(c -> new Object[] {runId, jobName, c.sku(), c.userKey(), c.upn()}).toList();
        for (int i = 0; i < ends.size(); i += BATCH) {
            jdbc.batchUpdate("UPDATE LR_MANAGED SET UNTIL_RUN = ? WHERE JOB_NAME = ? AND SKU = ? "
                    + "AND USER_KEY IN (?, ?) AND UNTIL_RUN IS NULL", ends.subList(i, Math.min(ends.size(), i + BATCH)));
        }
        for (int i = 0; i < starts.size(); i += BATCH) {
            jdbc.batchUpdate("INSERT INTO LR_MANAGED (JOB_NAME, USER_KEY, SKU, SINCE_RUN) VALUES (?, ?, ?, ?)",
                    starts.subList(i, Math.min(starts.size(), i + BATCH)));
        }
    }
}
