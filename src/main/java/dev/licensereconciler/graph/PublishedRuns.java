package dev.licensereconciler.graph;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The published runs of LR_RUN that an apply can carry out. */
public final class PublishedRuns {

    /** A run whose folder was published: when it started and where its folder is. */
    public record PublishedRun(String job, String runId, String type, Instant startedAt, Instant publishedAt,
                               Path folder) {
    }

    private final JdbcTemplate jdbc;

    public PublishedRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The run with this id, or the job's latest published run when runId is null. */
    public Optional<PublishedRun> find(String job, String runId) {
        String sql = "SELECT JOB_NAME, RUN_ID, JOB_TYPE, STARTED_AT, PUBLISHED_AT, OUTPUT_PATH FROM LR_RUN WHERE JOB_NAME = ? "
                + "AND PUBLISHED_AT IS NOT NULL" + (runId == null ? "" : " AND RUN_ID = ?")
                + " ORDER BY PUBLISHED_AT DESC, RUN_ID DESC";
        Object[] args = runId == null ? new Object[] {job} : new Object[] {job, runId};
        List<PublishedRun> runs = jdbc.query(sql, (rs, i) -> new PublishedRun(rs.getString(1), rs.getString(2),
                rs.getString(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), Path.of(rs.getString(6))), args);
        return runs.stream().findFirst();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
