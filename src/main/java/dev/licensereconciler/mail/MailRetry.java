package dev.licensereconciler.mail;

import java.time.Duration;

/**
 * How often to try one mail and how long to wait in between: {@code backoff} before the second
 * attempt, doubling after that. An SMTP server that hiccups for a few seconds should not cost a
 * purchaser their report.
 */
public record MailRetry(int attempts, Duration backoff) {

    public static final MailRetry DEFAULT = new MailRetry(3, Duration.ofSeconds(2));

    public MailRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be zero or positive, was " + backoff);
        }
    }

    Duration delayBefore(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 2, 16));
    }
}
