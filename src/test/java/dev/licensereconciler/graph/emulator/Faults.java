package dev.licensereconciler.graph.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Faults injected into the emulator's answers, consumed in the order the requests arrive. Whole-request faults
 * (throttle, fail, delay) apply to Graph requests, not to the token endpoint; a $batch counts as one request.
 */
public final class Faults {

    /** The default access-token lifetime, as the identity platform issues them (expires_in 3599). */
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(3599);

    /**
     * The identity and access write quota per application+tenant pair (concepts/throttling-limits.md): 3,000 write
     * requests per 2 minutes and 30 seconds.
     */
    public static final int DOCUMENTED_WRITES = 3000;
    public static final Duration DOCUMENTED_WRITE_WINDOW = Duration.ofSeconds(150);

    private record Throttle(int retryAfterSeconds) {
    }

    private int writeQuota = -1;
    private Duration writeWindow;
    private final Deque<Long> recentWrites = new ArrayDeque<>();

    private final Deque<Throttle> throttles = new ArrayDeque<>();
    private final Deque<Throttle> batchThrottles = new ArrayDeque<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final Deque<Duration> delays = new ArrayDeque<>();
    private final Deque<Integer> downloadFailures = new ArrayDeque<>();
    private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private long tokensValidAfterEpochMilli = Long.MIN_VALUE;
    private int writesUntilCrash = -1;
    private Runnable crashHook;

    Faults() {
    }

    /** The next {@code requests} HTTP requests are answered 429 with Retry-After, without being executed. */
    public synchronized void throttleNext(int requests, int retryAfterSeconds) {
        positive(requests, "requests");
        for (int i = 0; i < requests; i++) {
            throttles.addLast(new Throttle(retryAfterSeconds));
        }
    }

    /** The next {@code subRequests} sub-requests inside $batch answers are 429 with Retry-After, not executed. */
    public synchronized void throttleInsideBatch(int subRequests, int retryAfterSeconds) {
        positive(subRequests, "subRequests");
        for (int i = 0; i < subRequests; i++) {
            batchThrottles.addLast(new Throttle(retryAfterSeconds));
        }
    }

    /** The next {@code requests} HTTP requests are answered {@code status} (500, 503, 504) with Graph's body. */
    public synchronized void failNext(int requests, int status) {
        positive(requests, "requests");
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("failNext takes a 5xx status, got " + status);
        }
        for (int i = 0; i < requests; i++) {
            failures.addLast(status);
        }
    }

    /**
     * The next {@code downloads} report downloads (the pre-authenticated URLs a report's 302 points to, served
     * apart from Graph) are answered {@code status}, a 5xx.
     */
    public synchronized void failReportDownloads(int downloads, int status) {
        positive(downloads, "downloads");
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("failReportDownloads takes a 5xx status, got " + status);
        }
        for (int i = 0; i < downloads; i++) {
            downloadFailures.addLast(status);
        }
    }

    /** The next {@code requests} HTTP requests are answered only after {@code delay}. */
    public synchronized void delayNext(int requests, Duration delay) {
        positive(requests, "requests");
        for (int i = 0; i < requests; i++) {
            delays.addLast(delay);
        }
    }

    /** Every token issued so far is expired from now on: requests carrying one get 401 InvalidAuthenticationToken. */
    public synchronized void expireTokens() {
        tokensValidAfterEpochMilli = System.currentTimeMillis();
    }

    /** The lifetime (expires_in) of tokens issued from now on. */
    public synchronized void tokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A token lifetime must be positive, got " + lifetime);
        }
        tokenLifetime = lifetime;
    }

    /** After {@code n} more assignLicense executions, {@code hook} runs once (on the emulator's thread). */
    public synchronized void crashAfterWrites(int n, Runnable hook) {
        positive(n, "n");
        writesUntilCrash = n;
        crashHook = hook;
    }

    /**
     * Enforces a write quota from now on: writes (POST, PATCH, PUT, DELETE, also inside $batch) past {@code writes}
     * within any {@code window} are answered 429 with Retry-After, as Graph's token bucket does.
     */
    public synchronized void writeLimit(int writes, Duration window) {
        positive(writes, "writes");
        writeQuota = writes;
        writeWindow = window;
        recentWrites.clear();
    }

    /** {@link #writeLimit} with Graph's documented quota (3,000 writes per 150 s per app and tenant). */
    public void documentedWriteLimit() {
        writeLimit(DOCUMENTED_WRITES, DOCUMENTED_WRITE_WINDOW);
    }

    private static void positive(int n, String name) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + n);
        }
    }

    /** The 5xx status to answer this report download with, else -1. */
    synchronized int nextDownloadFailure() {
        Integer status = downloadFailures.pollFirst();
        return status == null ? -1 : status;
    }

    synchronized Duration nextDelay() {
        return delays.pollFirst();
    }

    /** Retry-After seconds if this request is throttled, else -1. */
    synchronized int nextThrottle() {
        Throttle t = throttles.pollFirst();
        return t == null ? -1 : t.retryAfterSeconds();
    }

    synchronized int nextBatchThrottle() {
        Throttle t = batchThrottles.pollFirst();
        return t == null ? -1 : t.retryAfterSeconds();
    }

    /** The 5xx status to answer this request with, else -1. */
    synchronized int nextFailure() {
        Integer status = failures.pollFirst();
        return status == null ? -1 : status;
    }

    /**
     * Counts a write that arrived at {@code arrivedNanos} (System.nanoTime) against the quota; returns -1 if
     * allowed, else the Retry-After seconds. Sub-requests of one $batch share the batch's arrival time: Graph runs
     * them in parallel, so the emulator's one-by-one execution must not spread them over a longer time.
     */
    synchronized int admitWrite(long arrivedNanos) {
        if (writeQuota < 0) {
            return -1;
        }
        long now = arrivedNanos;
        long window = writeWindow.toNanos();
        while (!recentWrites.isEmpty() && now - recentWrites.peekFirst() >= window) {
            recentWrites.removeFirst();
        }
        if (recentWrites.size() >= writeQuota) {
            long waitNanos = window - (now - recentWrites.peekFirst());
            return (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }
        recentWrites.addLast(now);
        return -1;
    }

    synchronized Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** Tokens issued at or before this instant (epoch ms) were expired by {@link #expireTokens()}. */
    synchronized long tokensValidAfterEpochMilli() {
        return tokensValidAfterEpochMilli;
    }

    /** Counts one assignLicense execution; returns the hook to run now, if this was the n-th. */
    synchronized Runnable writeExecuted() {
        if (writesUntilCrash < 0) {
            return null;
        }
        writesUntilCrash--;
        if (writesUntilCrash == 0) {
            writesUntilCrash = -1;
            Runnable hook = crashHook;
            crashHook = null;
            return hook;
        }
        return null;
    }
}
