package dev.licensereconciler.support;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An H2 trigger that holds a run at a known point, so a test can kill its process there. It acts
 * only in a JVM started with {@code -Dlicense-reconciler.test.pause-at=<this trigger's name>} (the
 * child JVM of a crash test), once, and prints {@code PAUSED AT <name>} before it waits; anywhere
 * else it does nothing. Test code: not part of the product.
 */
public class PauseAt implements Trigger {

    public static final String PROPERTY = "license-reconciler.test.pause-at";
    /** How long it holds (default a minute: long enough to be killed). */
    public static final String MILLIS = PROPERTY + ".millis";
    /** For LR_RESULT: the row it holds at, so that the chunks before it are committed. */
    public static final int RESULT_SEQ = 250;

    private static final AtomicBoolean held = new AtomicBoolean();
    private String name;
    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        name = triggerName;
        table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (!name.equals(System.getProperty(PROPERTY))) {
            return;
        }
        if (table.equals("LR_RESULT") && ((Number) newRow[2]).intValue() != RESULT_SEQ) {
            return;
        }
        if (!held.compareAndSet(false, true)) {
            return;
        }
        System.out.println("PAUSED AT " + name);
        System.out.flush();
        try {
            Thread.sleep(Long.getLong(MILLIS, 60_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
