package dev.licensereconciler.batch;

import org.h2.api.Trigger;

import java.sql.Connection;

/** An H2 trigger that makes a run take a while: the first row of each run waits {@link #PAUSE_MILLIS}. */
public class SlowInsertTrigger implements Trigger {

    static final long PAUSE_MILLIS = 2200;

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (newRow == null || ((Number) newRow[2]).intValue() != 1) {
            return;
        }
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
