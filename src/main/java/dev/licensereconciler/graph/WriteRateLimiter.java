package dev.licensereconciler.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps an apply under Graph's documented write limit for license assignment (3,000 writes per
 * 150 s per app and tenant): a sliding window over the writes sent, waiting before a batch that
 * would exceed it. Writes count from when their answer arrived, which is never before Graph
 * counted them: counting from the moment of sending would let the next window open a few
 * milliseconds early by Graph's clock and earn a 429.
 */
final class WriteRateLimiter {

    private record Sent(Instant at, int writes) {
    }

    private final int limit;
    private final Duration window;
    private final ApplyClock clock;
    private final Deque<Sent> sent = new ArrayDeque<>();
    private int inWindow;

    WriteRateLimiter(int limit, Duration window, ApplyClock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Waits until {@code writes} more fit in the window; {@link #sent} counts them once answered. */
    void acquire(int writes) {
        if (writes > limit) {
            throw new IllegalArgumentException(writes + " writes at once exceed the limit of " + limit);
        }
        while (true) {
            Instant now = clock.now();
            while (!sent.isEmpty() && !sent.peekFirst().at().plus(window).isAfter(now)) {
                inWindow -= sent.pollFirst().writes();
            }
            if (inWindow + writes <= limit) {
                return;
            }
            clock.sleep(Duration.between(now, sent.peekFirst().at().plus(window)));
        }
    }

    /** Counts writes that Graph has answered (or that were sent without an answer). */
    void sent(int writes) {
        sent.addLast(new Sent(clock.now(), writes));
        inWindow += writes;
    }

    /**
     * The least time {@code writes} requests take under the limit: every full window's worth
     * beyond the first waits for a window to pass.
     */
    static Duration plannedDuration(int writes, int limit, Duration window) {
        if (writes <= limit) {
            return Duration.ZERO;
        }
        return window.multipliedBy((writes - 1L) / limit);
    }

    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
    }
}
