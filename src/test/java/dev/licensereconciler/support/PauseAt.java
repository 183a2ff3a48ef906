package dev.licensereconciler.support;

import org.h2.api.Trigger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a run at a known point, so that a test can kill or stop its process there: on H2 as a
 * trigger, on MySQL through {@link PauseAtStatement}. It acts only in a JVM started with {@code
 * -Dlicense-reconciler.test.pause-at=NAME#N,...} (a child JVM of a crash test): point NAME holds
 * the N-th row it sees in that JVM (default 1; on LR_MAIL only the records of a mail handed to the
 * server, status SENT, count), prints {@code PAUSED AT NAME} and waits, inside the writing
 * transaction, until the file named by {@code -Dlicense-reconciler.test.pause-at.release} exists
 * or the process dies. Anywhere else it does nothing. Test code: not part of the product.
 */
public class PauseAt implements Trigger {

    public static final String PROPERTY = "license-reconciler.test.pause-at";
    /** A file whose creation ends the pause (a SIGTERM test); without it the pause lasts until the process is killed. */
    public static final String RELEASE = PROPERTY + ".release";
    /** The mail records that count: a mail handed to the server. */
    static final String SENT = "SENT";
    private static final long LONGEST_MILLIS = 180_000;

    /** Where a child can be held: the point's name and the statement it holds, as an H2 trigger's clause. */
    public static final Map<String, String> POINTS = Map.of(
            "PAUSE_COMPUTE", "BEFORE INSERT ON LR_RUN",
            "PAUSE_STORE_RESULTS", "BEFORE INSERT ON LR_RESULT",
            "PAUSE_STORE_ACTIONS", "BEFORE INSERT ON LR_ACTION",
            "PAUSE_STORE_ERRORS", "BEFORE INSERT ON LR_ERROR",
            "PAUSE_STORE_SHORTFALLS", "BEFORE INSERT ON LR_SHORTFALL",
            "PAUSE_STORE_SURPLUS", "BEFORE INSERT ON LR_SURPLUS",
            "PAUSE_STORE_RECOMMENDATIONS", "BEFORE INSERT ON LR_RECOMMENDATION",
            "PAUSE_STORE_COSTS", "BEFORE INSERT ON LR_COST",
            // after the run folder is written, before the run is recorded as published
            "PAUSE_PUBLISH", "BEFORE UPDATE ON LR_RUN",
            // the 2nd mail handed to the server, its SENT record not yet committed
            "PAUSE_NOTIFY", "BEFORE INSERT ON LR_MAIL");

    private static final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private String name;
    private int statusColumn = -1;

    /** The {@code -D} value that holds point {@code name} at its {@code row}-th row. */
    public static String at(String name, int row) {
        return name + "#" + row;
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        name = triggerName;
        if (tableName.equals("LR_MAIL")) {
            try (ResultSet columns = conn.getMetaData().getColumns(null, schemaName, tableName, "STATUS")) {
                columns.next();
                statusColumn = columns.getInt("ORDINAL_POSITION") - 1;
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (statusColumn < 0 || SENT.equals(newRow[statusColumn])) {
            rows(name, 1);
        }
    }

    /** Point {@code name} sees {@code rows} more rows; holds if the row it waits for is among them. */
    static void rows(String name, int rows) {
        Integer row = wanted().get(name);
        if (row == null) {
            return;
        }
        int after = seen.computeIfAbsent(name, n -> new AtomicInteger()).addAndGet(rows);
        if (after - rows < row && row <= after) {
            hold(name);
        }
    }

    /** Whether this JVM holds at any point: the statement need not be looked at otherwise. */
    static boolean active() {
        return !wanted().isEmpty();
    }

    private static void hold(String name) {
        System.out.println("PAUSED AT " + name);
        System.out.flush();
        String release = System.getProperty(RELEASE);
        long until = System.currentTimeMillis() + LONGEST_MILLIS;
        try {
            while (System.currentTimeMillis() < until && (release == null || !Files.exists(Path.of(release)))) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Integer> wanted() {
        Map<String, Integer> wanted = new HashMap<>();
        String spec = System.getProperty(PROPERTY);
        if (spec != null && !spec.isBlank()) {
            for (String point : spec.split(",")) {
                String[] parts = point.trim().split("#");
                wanted.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
            }
        }
        return wanted;
    }
}
