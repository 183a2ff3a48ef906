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
 * An H2 trigger that holds a run at a known point, so that a test can kill or stop its process
 * there. It acts only in a JVM started with {@code -Dlicense-reconciler.test.pause-at=NAME#N,...}
 * (a child JVM of a crash test): the trigger called NAME holds the N-th row it sees in that JVM
 * (default 1; on LR_MAIL only the records of a mail handed to the server, status SENT, count),
 * prints {@code PAUSED AT NAME} and waits, inside the writing transaction, until the file named by
 * {@code -Dlicense-reconciler.test.pause-at.release} exists or the process dies. Anywhere else it
 * does nothing. Test code: not part of the product.
 */
public class PauseAt implements Trigger {

    public static final String PROPERTY = "license-reconciler.test.pause-at";
    /** A file whose creation ends the pause (a SIGTERM test); without it the pause lasts until the process is killed. */
    public static final String RELEASE = PROPERTY + ".release";
    private static final long LONGEST_MILLIS = 180_000;

    private static final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private String name;
    private int statusColumn = -1;

    /** The {@code -D} value that holds trigger {@code name} at its {@code row}-th row. */
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
        Integer row = wanted().get(name);
        if (row == null || (statusColumn >= 0 && !"SENT".equals(newRow[statusColumn]))) {
            return;
        }
        if (seen.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() != row) {
            return;
        }
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
