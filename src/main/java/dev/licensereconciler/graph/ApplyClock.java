package dev.licensereconciler.graph;

import java.time.Duration;
import java.time.Instant;

/** Time for an apply: what it is and waiting; tests pass one that does not really wait. */
public interface ApplyClock {

    ApplyClock SYSTEM = new ApplyClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) {
            if (duration.isZero() || duration.isNegative()) {
                return;
            }
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Graph's write limit", e);
            }
        }
    };

    Instant now();

    void sleep(Duration duration);
}
