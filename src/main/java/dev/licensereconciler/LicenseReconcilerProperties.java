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
 */
@ConfigurationProperties("license-reconciler")
public record LicenseReconcilerProperties(String baseDir, @DefaultValue("jobs") Path jobsDir,
                                          @DefaultValue("5000") int chunkSize, @DefaultValue Mail mail) {

    /**
     * @param attempts tries per mail before it is recorded as failed
     * @param backoff  the wait between tries (see {@link dev.licensereconciler.mail.MailRetry})
     */
    public record Mail(@DefaultValue("3") int attempts, @DefaultValue("2s") Duration backoff) {
    }

    public Path baseFolder() {
        return baseDir == null || baseDir.isBlank() ? Path.of("") : Path.of(baseDir);
    }
}
