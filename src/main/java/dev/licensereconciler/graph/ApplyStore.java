package dev.licensereconciler.graph;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * LR_APPLY_RUN and LR_APPLY: what an apply planned and where each request stands. Every write is
 * its own committed transaction, so what the table says is what survives a crash.
 */
public final class ApplyStore {

    /** An apply's own state: RUNNING until every request is settled, then COMPLETED. */
    public record ApplyRun(String status, Instant startedAt, Instant finishedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ApplyStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public Optional<ApplyRun> run(String job, String runId) {
        List<ApplyRun> runs = jdbc.query("SELECT STATUS, STARTED_AT, FINISHED_AT FROM LR_APPLY_RUN WHERE JOB_NAME = ? "
                        + "AND RUN_ID = ?", (rs, i) -> new ApplyRun(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()), job, runId);
        return runs.stream().findFirst();
    }

    /** Records the plan of a first apply in one transaction: all of it, or (after a crash) none. */
    public void create(String job, String runId, List<ApplyRequest> requests, Instant now) {
        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO LR_APPLY_RUN (JOB_NAME, RUN_ID, STATUS, STARTED_AT) VALUES (?, ?, 'RUNNING', ?)",
                    job, runId, Timestamp.from(now));
            jdbc.batchUpdate("INSERT INTO LR_APPLY (JOB_NAME, RUN_ID, SEQ, BATCH, USER_UPN, ACTIONS, REQUEST_BODY, STATUS, "
                            + "ATTEMPTS, CODE, MESSAGE, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", requests, 500,
                    (ps, r) -> {
                        ps.setString(1, job);
                        ps.setString(2, runId);
                        ps.setInt(3, r.seq());
                        ps.setInt(4, r.batch());
                        ps.setString(5, r.user());
                        ps.setString(6, String.join(" ", r.actionKeys()));
                        ps.setString(7, r.body());
                        ps.setString(8, r.status().name());
                        ps.setString(9, r.code());
                        ps.setString(10, r.message());
                        ps.setTimestamp(11, Timestamp.from(now));
                    });
        });
    }

    public List<ApplyRequest> requests(String job, String runId) {
        return jdbc.query("SELECT SEQ, BATCH, USER_UPN, ACTIONS, REQUEST_BODY, STATUS, ATTEMPTS, CODE, MESSAGE FROM LR_APPLY "
                        + "WHERE JOB_NAME = ? AND RUN_ID = ? ORDER BY SEQ",
                (rs, i) -> new ApplyRequest(rs.getInt(1), rs.getInt(2), rs.getString(3),
                        Arrays.asList(rs.getString(4).split(" ")), rs.getString(5), ApplyStatus.valueOf(rs.getString(6)),
                        rs.getInt(7), rs.getString(8), rs.getString(9)), job, runId);
    }

    /** Marks a batch's requests PENDING (and counts the attempt) before the batch is sent. */
    public void pending(String job, String runId, List<ApplyRequest> batch, Instant now) {
        tx.executeWithoutResult(status -> jdbc.batchUpdate("UPDATE LR_APPLY SET STATUS = 'PENDING', ATTEMPTS = ATTEMPTS + 1, "
                        + "UPDATED_AT = ? WHERE JOB_NAME = ? AND RUN_ID = ? AND SEQ = ?", batch, 100,
                (ps, r) -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, job);
                    ps.setString(3, runId);
                    ps.setInt(4, r.seq());
                }));
    }

    /** Records the outcomes of one batch (status, Graph's code and message) in one transaction. */
    public void record(String job, String runId, List<ApplyRequest> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> jdbc.batchUpdate("UPDATE LR_APPLY SET STATUS = ?, CODE = ?, MESSAGE = ?, "
                        + "UPDATED_AT = ? WHERE JOB_NAME = ? AND RUN_ID = ? AND SEQ = ?", outcomes, 100,
                (ps, r) -> {
                    ps.setString(1, r.status().name());
                    ps.setString(2, r.code());
                    ps.setString(3, r.message() == null ? null : truncate(r.message()));
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setString(5, job);
                    ps.setString(6, runId);
                    ps.setInt(7, r.seq());
                }));
    }

    public void complete(String job, String runId, Instant now) {
        jdbc.update("UPDATE LR_APPLY_RUN SET STATUS = 'COMPLETED', FINISHED_AT = ? WHERE JOB_NAME = ? AND RUN_ID = ?",
                Timestamp.from(now), job, runId);
    }

    private static String truncate(String s) {
        return s.length() > 4000 ? s.substring(0, 3997) + "..." : s;
    }
}
