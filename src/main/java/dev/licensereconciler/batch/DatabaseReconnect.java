package dev.licensereconciler.batch;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionSystemException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Waits for a database whose connections broke to answer again, with a pool of fresh connections.
 *
 * <p>The embedded database is served by whichever process opened it first (H2's AUTO_SERVER):
 * when that process ends, gracefully or killed, every connection the others hold through it
 * breaks, and H2 rolls back their open transactions. H2 reconnects such a connection by itself
 * only outside a transaction (AUTO_RECONNECT, implied by AUTO_SERVER); a connection that was in
 * one stays closed ("Connection is broken", then "Database is already closed" at each later use).
 * The pool would hand those dead connections out again, each failing once, so they are evicted
 * ({@link EvictBroken} for each one as it fails, all at once here). A new connection then opens
 * the file itself (this process becomes the server) or finds the process that did, once H2's lock
 * file of the process that ended has aged: a few seconds after a {@code kill -9}.
 */
public final class DatabaseReconnect {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReconnect.class);
    /** H2's error codes (org.h2.api.ErrorCode): the driver is a runtime dependency only. */
    private static final int H2_CONNECTION_BROKEN = 90067;
    private static final int H2_DATABASE_IS_CLOSED = 90098;
    private static final int H2_DATABASE_CALLED_AT_SHUTDOWN = 90121;
    private static final long POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final boolean sharedEmbedded;

    /** @param jdbcUrl the data source's URL: a shared (AUTO_SERVER) H2 file is served by one of its processes */
    public DatabaseReconnect(DataSource dataSource, String jdbcUrl) {
        this.dataSource = dataSource;
        this.sharedEmbedded = EmbeddedDatabaseGate.sharedH2File(jdbcUrl).isPresent();
    }

    /** What most likely broke the connections, in the operator's words. */
    public String likelyCause() {
        return sharedEmbedded ? "the process serving the embedded database ended" : "the database server or the network went away";
    }

    /**
     * A failure (anywhere in its causes) of the connection to the database, not of anything the
     * statement did: the same work on a new connection can succeed.
     */
    public static boolean lostConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && lostConnection(sql)) {
                return true;
            }
            // A rollback on the dead connection fails too ("Connection is closed": the pool closed it
            // at the first failure) and is what the step reports; the failure that caused it is kept aside.
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && lostConnection(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean lostConnection(SQLException e) {
        return e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                || e instanceof SQLRecoverableException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"))
                || e.getErrorCode() == H2_CONNECTION_BROKEN || e.getErrorCode() == H2_DATABASE_IS_CLOSED
                || e.getErrorCode() == H2_DATABASE_CALLED_AT_SHUTDOWN;
    }

    /**
     * Drops the pool's connections and waits until a new one answers, at most {@code timeout}.
     *
     * @return false when the database did not answer in time, or answered with something other
     * than a lost connection (a damaged file, a full disk: not for a retry to cure)
     */
    public boolean awaitUsable(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        do {
            evictAll();
            try (Connection c = dataSource.getConnection()) {
                if (c.isValid(5)) {
                    return true;
                }
            } catch (SQLException e) {
                if (!lostConnection(e) && !EmbeddedDatabaseGate.transientLock(e)) {
                    log.debug("The database answers, with an error a retry does not cure: {}", e.toString());
                    return false;
                }
                last = e;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < deadline);
        log.debug("The database did not answer within {}: {}", timeout, last == null ? "invalid connection" : last.toString());
        return false;
    }

    /** In use ones are closed when given back: a transaction on one has failed already. */
    private void evictAll() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
                if (pool.getHikariPoolMXBean() != null) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
            }
        } catch (SQLException e) {
            log.debug("Could not evict the pool's connections: {}", e.toString());
        }
    }

    /**
     * The pool's verdict on a failed statement: a connection H2 says is broken or closed is dropped
     * at once (by default the pool drops only SQL state 08 ones, and H2 gives its own codes), so
     * that a long-lived {@code serve} heals by itself. Named by spring.datasource.hikari.exception-override-class-name.
     */
    public static final class EvictBroken implements SQLExceptionOverride {

        // (no @Override: inside this class the name is the pool's enum)
        public Override adjudicate(SQLException e) {
            return lostConnection(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
        }
    }
}
