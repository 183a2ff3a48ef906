package dev.licensereconciler.cli;

import org.h2.api.Trigger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * An H2 trigger (installed by db/simultaneous/afterMigrate.sql) that holds a run's inserts until
 * the file named by the system property {@value #RELEASE} exists, at most two minutes: the winner
 * of a race is still running when the losers ask for the lease, however slow their start.
 */
public class HoldUntilReleasedTrigger implements Trigger {

    static final String RELEASE = "simultaneous.release";
    private static final long MAX_HOLD_MILLIS = 120_000;

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        String release = System.getProperty(RELEASE);
        if (release == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + MAX_HOLD_MILLIS;
        while (!Files.exists(Path.of(release)) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
