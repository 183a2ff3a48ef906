package dev.licensereconciler.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Leases in {@code LR_RUN_LEASE}: the run of a job under way holds its job's row and renews it
 * every heartbeat. Getting the row is the one gate to starting a run, and it is atomic on H2 and
 * MySQL alike: a new lease is an INSERT that the primary key lets only one process win, and taking
 * over a lapsed one is an UPDATE conditional on the token and expiry read, which only one
 * contender can match. A process that died stops renewing; once its lease has lapsed the next run
 * of the job takes it over and resumes what the dead one left.
 *
 * <p>Times are this JVM's clock, in milliseconds since the epoch: the nodes' clocks must agree to
 * within a small part of the lease (NTP), as Quartz's clustering already asks.
 */
public final class RunLeases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLeases.class);

    /** Who holds (or held) a job's lease. Times in epoch milliseconds. */
    public record Holder(String jobName, String token, String runId, String host, long pid, long acquiredAt,
                         long renewedAt, long expiresAt) {

        LocalDateTime since() {
            return local(acquiredAt);
        }

        LocalDateTime lapsesAt() {
            return local(expiresAt);
        }

        private static LocalDateTime local(long millis) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS);
        }
    }

    private final JdbcTemplate jdbc;
    private final Duration duration;
    private final Duration heartbeat;
    private final Clock clock;
    private final String host;
    private final long pid;
    private final ScheduledExecutorService renewals;

    public RunLeases(JdbcTemplate jdbc, Duration duration, Duration heartbeat, Clock clock) {
        this.jdbc = jdbc;
        this.duration = duration;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    /**
     * Takes the job's lease: a free one, or one that has lapsed (its holder died). With
     * {@code force} (run --recover: the operator knows the holder is gone) also a live one.
     *
     * @param onLost called on the heartbeat thread when another process took the lease over
     * @throws RunLauncher.RunStillRunningException when a live process holds it
     */
    public Lease acquire(String jobName, boolean force, Consumer<Lease> onLost) {
        // A few rounds: the holder read may release or renew between our statements.
        for (int attempt = 0; attempt < 5; attempt++) {
            String token = UUID.randomUUID().toString();
            long now = clock.millis();
            long expires = now + duration.toMillis();
            try {
                jdbc.update("INSERT INTO LR_RUN_LEASE (JOB_NAME, TOKEN, HOST, PID, ACQUIRED_AT, RENEWED_AT, EXPIRES_AT) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", jobName, token, host, pid, now, now, expires);
                return start(new Lease(jobName, token, null, onLost));
            } catch (DuplicateKeyException held) {
                // someone holds it: live, lapsed, or just released
            } catch (PessimisticLockingFailureException contended) {
                // InnoDB: two INSERTs of a job whose last lease was just deleted (the row is delete-marked, not yet
                // purged) both take a shared lock on it and then deadlock; one is rolled back. It lost the race as
                // a duplicate key would have: read who holds the lease, as for one.
            }
            Holder current = holder(jobName);
            if (current == null) {
                continue;
            }
            if (!force && current.expiresAt() >= now) {
                throw new RunLauncher.RunStillRunningException(current);
            }
            // Only the contender whose UPDATE still sees the token and the lapsed expiry it read wins.
            int won = jdbc.update("UPDATE LR_RUN_LEASE SET TOKEN = ?, RUN_ID = NULL, HOST = ?, PID = ?, ACQUIRED_AT = ?, "
                            + "RENEWED_AT = ?, EXPIRES_AT = ? WHERE JOB_NAME = ? AND TOKEN = ? AND (? OR EXPIRES_AT < ?)",
                    token, host, pid, now, now, expires, jobName, current.token(), force, now);
            if (won == 1) {
                return start(new Lease(jobName, token, current, onLost));
            }
        }
        Holder current = holder(jobName);
        if (current != null) {
            throw new RunLauncher.RunStillRunningException(current);
        }
        throw new IllegalStateException("Could not take the lease of " + jobName + ": other processes keep taking it.");
    }

    /** The job's lease as the database has it, or null when no run holds it. */
    public Holder holder(String jobName) {
        List<Holder> rows = jdbc.query("SELECT JOB_NAME, TOKEN, RUN_ID, HOST, PID, ACQUIRED_AT, RENEWED_AT, EXPIRES_AT "
                        + "FROM LR_RUN_LEASE WHERE JOB_NAME = ?",
                (rs, i) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8)), jobName);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Lease start(Lease lease) {
        long period = heartbeat.toMillis();
        lease.renewal = renewals.scheduleWithFixedDelay(lease::renew, period, period, TimeUnit.MILLISECONDS);
        return lease;
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }

    /** One launch's hold on its job's lease, renewed until released. */
    public final class Lease {

        private final String jobName;
        private final String token;
        private final Holder previous;
        private final Consumer<Lease> onLost;
        private volatile ScheduledFuture<?> renewal;
        private volatile boolean lost;
        private volatile boolean failing;

        private Lease(String jobName, String token, Holder previous, Consumer<Lease> onLost) {
            this.jobName = jobName;
            this.token = token;
            this.previous = previous;
            this.onLost = onLost;
        }

        public String jobName() {
            return jobName;
        }

        /** The lease this one took over (its holder died, or run --recover), or null for a free one. */
        public Holder previous() {
            return previous;
        }

        /** Names the run this lease is for, so that a refused contender can say which run it waits for. */
        public void runs(String runId) {
            jdbc.update("UPDATE LR_RUN_LEASE SET RUN_ID = ? WHERE JOB_NAME = ? AND TOKEN = ?", runId, jobName, token);
        }

        private void renew() {
            long now = clock.millis();
            try {
                int renewed = jdbc.update("UPDATE LR_RUN_LEASE SET RENEWED_AT = ?, EXPIRES_AT = ? WHERE JOB_NAME = ? AND TOKEN = ?",
                        now, now + duration.toMillis(), jobName, token);
                if (failing) {
                    log.info("The lease of {} is renewed again.", jobName);
                    failing = false;
                }
                if (renewed == 0 && !lost) {
                    lost = true;
                    renewal.cancel(false);
                    onLost.accept(this);
                }
            } catch (DataAccessException e) {
                // Said once: a database that is away for longer than the lease lets another process take the run over.
                if (!failing) {
                    failing = true;
                    log.warn("Could not renew the lease of {}: {}", jobName, e.getMessage());
                }
            }
        }

        /** Gives the lease back: the next run of the job may start at once. */
        public void release() {
            ScheduledFuture<?> r = renewal;
            if (r != null) {
                r.cancel(false);
            }
            if (lost) {
                return;
            }
            try {
                jdbc.update("DELETE FROM LR_RUN_LEASE WHERE JOB_NAME = ? AND TOKEN = ?", jobName, token);
            } catch (DataAccessException e) {
                // The run's own outcome matters more; the lease lapses by itself.
                log.warn("Could not release the lease of {} (it lapses in {}): {}", jobName, duration, e.getMessage());
            }
        }
    }
}
