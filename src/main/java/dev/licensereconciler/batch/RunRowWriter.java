package dev.licensereconciler.batch;

import dev.licensereconciler.report.ReportLayout;
import dev.licensereconciler.report.ReportLayout.Column;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writes numbered rows of one run into the table of their layout, a chunk at a time, as batched
 * multi-row INSERTs ({@value #ROWS_PER_STATEMENT} rows per statement, the rest of the chunk in one
 * shorter statement): one statement execution per many rows instead of one per row, which is what H2
 * spends most of its time on, and what MySQL's rewriteBatchedStatements does on its own. Rows of
 * this run at or after the first row it will write are deleted when the step starts, so a step
 * that died after its last commit leaves nothing twice.
 */
public final class RunRowWriter<T> implements ItemWriter<ComputedRowReader.Numbered<T>>, StepExecutionListener {

    /** Rows per INSERT statement: big enough to amortise the per-statement cost, small enough to parse fast. */
    static final int ROWS_PER_STATEMENT = 64;

    private final JdbcTemplate jdbc;
    private final String table;
    private final List<Column<T>> columns;
    private final String insertPrefix;
    private final String rowPlaceholders;
    private final int parametersPerRow;
    private final String fullSql;
    private final ComputedRowReader<T> reader;
    private String jobName;
    private String runId;

    /** Job name, run id and seq come before the layout's columns in every row. */
    public RunRowWriter(JdbcTemplate jdbc, ReportLayout<T> layout, ComputedRowReader<T> reader) {
        this.jdbc = jdbc;
        this.table = layout.table();
        this.columns = layout.columns();
        this.reader = reader;
        this.parametersPerRow = 3 + columns.size();
        this.insertPrefix = "INSERT INTO " + table + " (JOB_NAME, RUN_ID, SEQ, " + String.join(", ", layout.dbColumns())
                + ") VALUES ";
        this.rowPlaceholders = "(?, ?, ?" + ", ?".repeat(columns.size()) + ")";
        this.fullSql = sql(ROWS_PER_STATEMENT);
    }

    private String sql(int rows) {
        StringBuilder sb = new StringBuilder(insertPrefix.length() + rows * (rowPlaceholders.length() + 2));
        sb.append(insertPrefix);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(rowPlaceholders);
        }
        return sb.toString();
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
        if (items.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            int full = items.size() / ROWS_PER_STATEMENT;
            int done = 0;
            if (full > 0) {
                try (PreparedStatement ps = connection.prepareStatement(fullSql)) {
                    for (int s = 0; s < full; s++) {
                        bindRows(ps, items, done, ROWS_PER_STATEMENT);
                        done += ROWS_PER_STATEMENT;
                        if (full > 1) {
                            ps.addBatch();
                        }
                    }
                    if (full > 1) {
                        ps.executeBatch();
                    } else {
                        ps.executeUpdate();
                    }
                }
            }
            int rest = items.size() - done;
            if (rest > 0) {
                executeRest(connection, items, done, rest);
            }
            return null;
        });
    }

    private void executeRest(Connection connection, List<? extends ComputedRowReader.Numbered<T>> items, int from,
                             int rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql(rows))) {
            bindRows(ps, items, from, rows);
            ps.executeUpdate();
        }
    }

    private void bindRows(PreparedStatement ps, List<? extends ComputedRowReader.Numbered<T>> items, int from, int rows)
            throws SQLException {
        for (int r = 0; r < rows; r++) {
            ComputedRowReader.Numbered<T> item = items.get(from + r);
            int base = r * parametersPerRow;
            ps.setString(base + 1, jobName);
            ps.setString(base + 2, runId);
            ps.setInt(base + 3, item.seq());
            bind(ps, base + 3, item.row());
        }
    }

    /** Sets the layout's columns of one row from {@code offset + 1} on. */
    private void bind(PreparedStatement ps, int offset, T row) throws SQLException {
        for (int c = 0; c < columns.size(); c++) {
            Column<T> column = columns.get(c);
            Object value = column.dbValue(row);
            int index = offset + 1 + c;
            switch (column.type()) {
                case TEXT -> ps.setString(index, (String) value);
                case INTEGER -> {
                    if (value == null) {
                        ps.setNull(index, Types.INTEGER);
                    } else {
                        ps.setInt(index, (Integer) value);
                    }
                }
                case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            }
        }
    }
}
