package dev.licensereconciler.batch;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes numbered rows of one run into a table with one batched INSERT per chunk (rewritten
 * into multi-row inserts on MySQL). Rows of this run at or after the first row it will write
 * are deleted when the step starts, so a step that died after its last commit leaves nothing
 * twice.
 */
public final class RunRowWriter<T> implements ItemWriter<ComputedRowReader.Numbered<T>>, StepExecutionListener {

    /** Sets the statement's parameters from the row, after job name (1), run id (2) and seq (3). */
    @FunctionalInterface
    public interface RowBinder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    private final JdbcTemplate jdbc;
    private final String table;
    private final String insertSql;
    private final RowBinder<T> binder;
    private final ComputedRowReader<T> reader;
    private String jobName;
    private String runId;

    public RunRowWriter(JdbcTemplate jdbc, String table, List<String> columns, RowBinder<T> binder,
                        ComputedRowReader<T> reader) {
        this.jdbc = jdbc;
        this.table = table;
        this.binder = binder;
        this.reader = reader;
        this.insertSql = "INSERT INTO " + table + " (JOB_NAME, RUN_ID, SEQ, " + String.join(", ", columns)
                + ") VALUES (?, ?, ?" + ", ?".repeat(columns.size()) + ")";
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        RunParameters p = RunParameters.from(stepExecution.getJobExecution().getJobParameters());
        this.jobName = p.jobName();
        this.runId = p.runId();
        // The reader's saved position is the number of rows committed by earlier executions of this step.
        int committed = stepExecution.getExecutionContext().getInt(reader.positionKey(), 0);
        jdbc.update("DELETE FROM " + table + " WHERE JOB_NAME = ? AND RUN_ID = ? AND SEQ > ?", jobName, runId, committed);
    }

    @Override
    public void write(Chunk<? extends ComputedRowReader.Numbered<T>> chunk) {
        List<? extends ComputedRowReader.Numbered<T>> items = chunk.getItems();
        jdbc.batchUpdate(insertSql, items, items.size(), (ps, item) -> {
            ps.setString(1, jobName);
            ps.setString(2, runId);
            ps.setInt(3, item.seq());
            binder.bind(ps, item.row());
        });
    }
}
