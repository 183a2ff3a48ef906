package dev.licensereconciler.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets the processes of one data folder open and close the embedded database one at a time.
 *
 * <p>H2's AUTO_SERVER mode (the first process to open the file serves it to the others) agrees
 * on who serves through a lock file that every contender rewrites while it waits. Several
 * processes opening a database nobody serves yet (a fresh data folder, two runs started by hand
 * at the same instant) overwrite each other's claims, and all but one fail with "Lock file
 * recently modified" or "Locked by another process" before the winner has written its address.
 * A process that is closing the database it serves has the same window: a newcomer may read the
 * address of a server that is going away. So a file lock of our own beside the database ({@code
 * <database>.start.lock}) is held from before the first connection until the application has
 * started (the database is open, migrated and served, or found served), and again from the
 * moment the application closes until its database is closed. The others wait for it, then find
 * the database served (and connect in an instant) or closed (and open it themselves).
 *
 * <p>A process outside this protocol (another version, a database tool in AUTO_SERVER mode) can
 * still cross the hand-shake, and a process that served the database may end under the others;
 * their reconnection meets the same transient errors. The first connection is therefore retried
 * for a while on exactly those errors, never on any other (a file that is damaged, read-only or
 * held by a process that does not share it is reported at once).
 */
public final class EmbeddedDatabaseGate implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseGate.class);

    /** H2's error codes (org.h2.api.ErrorCode): the driver is a runtime dependency only. */
    private static final int H2_ERROR_OPENING_DATABASE = 8000;
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    /** What H2's lock-file protocol says while another process is taking or giving up the file. */
    private static final Pattern TRANSIENT_LOCK = Pattern.compile(
            "Lock file recently modified|Concurrent update|Another process was faster|Locked by another process"
                    + "|Could not load properties", Pattern.CASE_INSENSITIVE);
    private static final Pattern H2_FILE = Pattern.compile("^jdbc:h2:(?:file:)?([^;]+)(;.*)?$", Pattern.CASE_INSENSITIVE);

    /** Opening a fresh database and migrating it takes seconds; a longer wait is a process that hangs. */
    private static final Duration WAIT_FOR_GATE = Duration.ofMinutes(2);
    /** H2 lets a contender wait up to 4 s for a lock file to age; a few rounds of that. */
    private static final Duration RETRY_OPEN = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private static volatile boolean holdUntilExit;

    private final Path lockFile;
    private FileChannel channel;
    private FileLock lock;

    /** The gate of the database at {@code jdbcUrl}; it does nothing for a database that is not a shared H2 file. */
    public EmbeddedDatabaseGate(String jdbcUrl) {
        this.lockFile = sharedH2File(jdbcUrl).map(base -> Path.of(base + ".start.lock").toAbsolutePath()).orElse(null);
    }

    /**
     * Called by the command line's {@code main}: the JVM ends with its command, so the gate taken
     * at close is left to the operating system, which frees it when the process is gone. H2
     * closes a database still used by other processes only when its JVM ends; a newcomer admitted
     * earlier would connect to a server that is about to vanish.
     */
    public static void holdUntilExit() {
        holdUntilExit = true;
    }

    /** The database file's base path of a shared (AUTO_SERVER) H2 file URL. */
    static Optional<String> sharedH2File(String jdbcUrl) {
        Matcher m = jdbcUrl == null ? null : H2_FILE.matcher(jdbcUrl.trim());
        if (m == null || !m.matches() || m.group(2) == null
                || !m.group(2).toUpperCase(Locale.ROOT).replace(" ", "").contains(";AUTO_SERVER=TRUE")) {
            return Optional.empty();
        }
        String path = m.group(1);
        if (path.regionMatches(true, 0, "mem:", 0, 4) || path.regionMatches(true, 0, "tcp:", 0, 4)
                || path.regionMatches(true, 0, "ssl:", 0, 4) || path.startsWith("~")) {
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** Waits for the gate (before the first connection, and when the application closes). */
    public synchronized void enter() {
        if (lockFile == null || lock != null) {
            return;
        }
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            // A folder that cannot be written: the database's own error says so, in DatabaseTrouble's words.
            log.debug("No start lock at {}: {}", lockFile, e.toString());
            closeChannel();
            return;
        }
        long deadline = System.nanoTime() + WAIT_FOR_GATE.toNanos();
        boolean told = false;
        while (lock == null) {
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                // Another application of this JVM (a test's) holds it: wait as another process would.
            } catch (IOException e) {
                log.debug("Start lock {} not supported: {}", lockFile, e.toString());
                closeChannel();
                return;
            }
            if (lock != null) {
                break;
            }
            if (System.nanoTime() > deadline) {
                // A process that hangs while opening: go on, the database's own protocol still holds.
                log.warn("Another process has been opening or closing the embedded database for {} s ({}); going on.",
                        WAIT_FOR_GATE.toSeconds(), lockFile);
                closeChannel();
                return;
            }
            if (!told) {
                log.debug("Waiting for another process to open or close the embedded database ({}).", lockFile);
                told = true;
            }
            pause(POLL_MILLIS);
        }
    }

    /** Lets the next process in (the application has started, or its database is closed). */
    public synchronized void leave() {
        if (lock == null) {
            closeChannel();
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            log.debug("Releasing {}: {}", lockFile, e.toString());
        }
        lock = null;
        closeChannel();
    }

    /**
     * Opens the data source's first connection, retried while H2 says another process is taking
     * or giving up the database file; any other failure is thrown at once.
     */
    public void open(DataSource dataSource) throws SQLException {
        long deadline = System.nanoTime() + RETRY_OPEN.toNanos();
        for (int attempt = 1; ; attempt++) {
            try (Connection first = dataSource.getConnection()) {
                if (attempt > 1) {
                    log.debug("Embedded database opened at attempt {}.", attempt);
                }
                return;
            } catch (SQLException e) {
                if (lockFile == null || !transientLock(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                log.debug("Embedded database busy ({}); trying again.", e.getMessage());
                pause(200L * Math.min(attempt, 5));
            }
        }
    }

    /** H2's lock-file hand-shake under way in another process (not: a process holding the file for itself). */
    static boolean transientLock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && (e.getErrorCode() == H2_ERROR_OPENING_DATABASE
                    || e.getErrorCode() == H2_DATABASE_ALREADY_OPEN)
                    && TRANSIENT_LOCK.matcher(String.valueOf(e.getMessage())).find()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        if (!holdUntilExit) {
            leave();
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing {}: {}", lockFile, e.toString());
            }
            channel = null;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded database", e);
        }
    }
}
