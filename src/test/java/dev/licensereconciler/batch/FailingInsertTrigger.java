package dev.licensereconciler.batch;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An H2 trigger that makes the database refuse one insert: the row with sequence number
 * {@link #FAIL_AT_SEQ}, while armed. It stands in for a database that goes away mid-run.
 */
public class FailingInsertTrigger implements Trigger {

    static final AtomicInteger FAIL_AT_SEQ = new AtomicInteger(-1);

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null && ((Number) newRow[2]).intValue() == FAIL_AT_SEQ.get()) {
            throw new SQLException("simulated database failure at row " + newRow[2]);
        }
    }
}
