package dev.licensereconciler.graph;

import dev.licensereconciler.job.JobDefinition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An apply killed at random points, then started again (a new process: new objects, the same
 * database), until it completes: every user's assignLicense runs exactly once on the tenant and
 * LR_APPLY ends complete. Seeds pick the points: between batches, after the PENDING record, and
 * after the tenant carried a batch out but before the answers were recorded (the emulator's
 * write hook kills the client in the middle of a batch it is executing).
 */
class ApplyCrashTest {

    static final class Crash extends RuntimeException {
        Crash(String where) {
            super("simulated crash " + where);
        }
    }

    @TempDir
    Path dir;

    static IntStream seeds() {
        return IntStream.rangeClosed(1, 24);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void resumedApplySendsEveryRequestExactlyOnceOnH2(int seed) throws Exception {
        try (ApplyFixture f = ApplyFixture.onH2(dir)) {
            crashAndResume(f, seed);
        }
    }

    static void crashAndResume(ApplyFixture f, int seed) throws Exception {
        ApplyScenario scenario = new ApplyScenario(f, 47);
        JobDefinition job = f.job("nightly-" + seed);
        f.publish(job, "20261201-020000", Instant.now(), scenario.actionLines);
        Random random = new Random(seed);
        int crashes = 0;
        ApplyReport report = null;
        while (report == null) {
            AtomicBoolean killed = new AtomicBoolean();
            ApplyHooks hooks = hooks(random, killed, crashes < 3);
            if (crashes < 3 && random.nextInt(3) == 0) {
                // Killed while the tenant executes a batch: its answers never reach the records.
                f.emulator.faults().crashAfterWrites(1 + random.nextInt(30), () -> killed.set(true));
            }
            try {
                report = f.apply(f.properties(), hooks, ApplyClock.SYSTEM).apply(job, null, ApplyOptions.defaults());
            } catch (Crash e) {
                crashes++;
            }
            assertThat(crashes).as("crashes before completion").isLessThan(10);
        }
        assertThat(crashes).as("the apply of seed " + seed + " was killed at least once").isPositive();
        assertThat(report.exitStatus()).as(f.console()).isZero();
        scenario.expected.forEach((upn, licenses) -> {
            assertThat(f.executions(upn)).as("assignLicense executions of " + upn + " (seed " + seed + ")").isEqualTo(1);
            assertThat(f.emulator.tenant().assignedLicenses(f.userIds.get(upn))).as(upn)
                    .containsExactlyInAnyOrderElementsOf(licenses);
        });
        assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM LR_APPLY WHERE STATUS <> 'APPLIED' AND JOB_NAME = ?",
                Integer.class, job.name())).isZero();
        assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM LR_APPLY WHERE JOB_NAME = ?", Integer.class, job.name())).isEqualTo(scenario.expected.size());
        assertThat(f.jdbc.queryForObject("SELECT STATUS FROM LR_APPLY_RUN WHERE JOB_NAME = ?", String.class,
                job.name())).isEqualTo("COMPLETED");
    }

    /** Throws at the n-th passing of one hook point, or when the emulator's write hook fired. */
    private static ApplyHooks hooks(Random random, AtomicBoolean killed, boolean mayCrash) {
        ApplyHooks.Point point = ApplyHooks.Point.values()[random.nextInt(ApplyHooks.Point.values().length)];
        int at = 1 + random.nextInt(3);
        AtomicInteger passes = new AtomicInteger();
        return p -> {
            if (killed.get() && p == ApplyHooks.Point.AFTER_RESPONSE) {
                throw new Crash("after the tenant executed writes, before they were recorded");
            }
            if (mayCrash && p == point && passes.incrementAndGet() == at) {
                throw new Crash("at " + p + " #" + at);
            }
        };
    }
}
