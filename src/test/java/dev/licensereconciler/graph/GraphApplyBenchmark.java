package dev.licensereconciler.graph;

import dev.licensereconciler.job.JobDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark line of the Graph connector (run on demand: {@code -Dtest=GraphApplyBenchmark}):
 * requests per second of an apply against the emulator with throttling off, everything recorded
 * in LR_APPLY as in production, and the least duration of a 100,000-change run under Graph's
 * documented write limit.
 */
class GraphApplyBenchmark {

    @TempDir
    Path dir;

    @Test
    void requestsPerSecondAndThePlannedDurationOfAHundredThousandChanges() throws Exception {
        int users = Integer.getInteger("graph.bench.users", 4000);
        try (ApplyFixture f = ApplyFixture.onH2(dir)) {
            f.sku("SPE_E3", users);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String upn = String.format("user%06d@contoso.example", i);
                f.user(upn);
                lines.add((i / 20 + 1) + ",SPE_E3,ASSIGN,," + upn);
            }
            JobDefinition job = f.job("bench");
            f.publish(job, "20261201-020000", Instant.now(), lines);
            GraphProperties unthrottled = f.properties().withWriteLimit(Integer.MAX_VALUE, Duration.ofSeconds(150));

            long start = System.nanoTime();
            ApplyReport report = f.apply(unthrottled, ApplyHooks.NONE, ApplyClock.SYSTEM).apply(job, null, ApplyOptions.defaults());
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(report.applied()).isEqualTo(users);
            Duration planned = WriteRateLimiter.plannedDuration(100_000, 3000, Duration.ofSeconds(150));
            System.out.printf("GRAPH BENCHMARK: %d assignLicense requests in %d batches in %.1f s = %.0f requests/s "
                            + "against the emulator (throttling off, LR_APPLY on H2); a 100,000-change run takes at least %s "
                            + "under Graph's 3,000 writes per 150 s%n", users, report.batches(), seconds, users / seconds,
                    WriteRateLimiter.describe(planned));
        }
    }
}
