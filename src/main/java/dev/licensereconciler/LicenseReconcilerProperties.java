package dev.licensereconciler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The product's own settings ({@code license-reconciler.*} in application.yml, on the command
 * line as {@code --license-reconciler.chunk-size=N}, or in the environment). The database folder
 * ({@code data-dir}) is read by the datasource URL in application.yml, not here.
 *
 * @param baseDir   the folder relative paths in job files are resolved against; unset: the working directory
 * @param jobsDir   where the job files are
 * @param chunkSize rows per store transaction: fewer commits and batch-metadata updates; a restart redoes at most one chunk
 * @param mail      how often and how patiently a shortfall mail is retried
 * @param runLease  how a run shows it is alive, so that a run whose process died is taken over
 */
@ConfigurationProperties("license-reconciler")
public record LicenseReconcilerProperties(String baseDir, @DefaultValue("jobs") Path jobsDir,
                                          @DefaultValue("5000") int chunkSize, @DefaultValue Mail mail,
                                          @DefaultValue RunLease runLease) {

    /**
     * @param attempts tries per mail before it is recorded as failed
     * @param backoff  the wait between tries (see {@link dev.licensereconciler.mail.MailRetry})
     */
    public record Mail(@DefaultValue("3") int attempts, @DefaultValue("2s") Duration backoff) {
    }

    /**
     * @param duration    how long a lease holds without being renewed: a run whose process died is
     *                    taken over by the next run of its job at most this long after its last heartbeat
     * @param heartbeat   how often a run renews its lease; a few heartbeats fit in one duration, so
     *                    a slow database round trip does not lose a lease
     * @param stopTimeout on SIGTERM, how long to wait for the runs under way to stop at their next
     *                    step boundary before the database is closed under them
     */
    public record RunLease(@DefaultValue("60s") Duration duration, @DefaultValue("10s") Duration heartbeat,
                           @DefaultValue("60s") Duration stopTimeout) {

        public RunLease {
            if (heartbeat.isZero() || heartbeat.isNegative() || heartbeat.compareTo(duration) >= 0) {
                throw new IllegalArgumentException("license-reconciler.run-lease.heartbeat (" + heartbeat
                        + ") must be positive and shorter than license-reconciler.run-lease.duration (" + duration
                        + "), say a sixth of it.");
            }
        }
    }

    public Path baseFolder() {
        return baseDir == null || baseDir.isBlank() ? Path.of("") : Path.of(baseDir);
    }
}
