package dev.licensereconciler.schedule;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An H2 trigger that makes a run slow: the first result row of each run waits {@link #PAUSE_MILLIS}.
 * It counts the runs inside that pause at once, so a concurrent run of one job would show.
 */
public class SlowResultInsert implements Trigger {

    static final long PAUSE_MILLIS = 2500;
    static final AtomicInteger inside = new AtomicInteger();
    static final AtomicInteger maxInside = new AtomicInteger();

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (newRow == null || ((Number) newRow[2]).intValue() != 1) {
            return;
        }
        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inside.decrementAndGet();
        }
    }
}
