package dev.licensereconciler.graph;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Graph's documented write limit (3,000 per 150 s per app and tenant) on a clock that only pretends to wait. */
class WriteRateLimiterTest {

    static final class FakeClock implements ApplyClock {
        Instant now = Instant.parse("2026-12-01T02:00:00Z");
        final List<Duration> waits = new ArrayList<>();

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            waits.add(d);
            now = now.plus(d);
        }
    }

    @Test
    void writesBeyondTheWindowsLimitWaitForTheWindowToPass() {
        FakeClock clock = new FakeClock();
        WriteRateLimiter limiter = new WriteRateLimiter(3000, Duration.ofSeconds(150), clock);
        for (int i = 0; i < 150; i++) {
            limiter.acquire(20);
            limiter.sent(20);
        }
        assertThat(clock.waits).isEmpty();

        limiter.acquire(20);

        assertThat(clock.waits).containsExactly(Duration.ofSeconds(150));
    }

    @Test
    void theWindowSlides() {
        FakeClock clock = new FakeClock();
        WriteRateLimiter limiter = new WriteRateLimiter(40, Duration.ofSeconds(10), clock);
        limiter.acquire(20);
        limiter.sent(20);
        clock.now = clock.now.plusSeconds(6);
        limiter.acquire(20);
        limiter.sent(20);
        limiter.acquire(20);

        // The first 20 leave the window 10 s after they were sent, 4 s from now.
        assertThat(clock.waits).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void aHundredThousandChangesTakeAtLeast82MinutesUnderGraphsLimit() {
        Duration d = WriteRateLimiter.plannedDuration(100_000, 3000, Duration.ofSeconds(150));

        assertThat(d).isEqualTo(Duration.ofSeconds(33 * 150));
        assertThat(WriteRateLimiter.describe(d)).isEqualTo("1 h 22 min");
        assertThat(WriteRateLimiter.plannedDuration(3000, 3000, Duration.ofSeconds(150))).isZero();
    }
}
