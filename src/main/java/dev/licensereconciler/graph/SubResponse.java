package dev.licensereconciler.graph;

import java.time.Duration;

/**
 * The answer to one request of a batch: status, the Retry-After Graph asked for (zero if none),
 * and for an error Graph's code and message.
 */
public record SubResponse(String id, int status, Duration retryAfter, String code, String message) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
