package dev.licensereconciler.graph;

import dev.licensereconciler.graph.emulator.Recorded;
import dev.licensereconciler.job.JobDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Throttling, server faults and token expiry as Graph produces them, ridden out without sending anything twice. */
class GraphApplyFaultsTest {

    @TempDir
    Path dir;
    ApplyFixture f;
    JobDefinition job;
    ApplyScenario scenario;

    @BeforeEach
    void setUp() throws Exception {
        f = ApplyFixture.onH2(dir);
        job = f.job("nightly");
        scenario = new ApplyScenario(f, 45);
        f.publish(job, "20261201-020000", Instant.now(), scenario.actionLines);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void assertAppliedExactlyOnce(ApplyReport report) {
        assertThat(report.exitStatus()).as(f.console()).isZero();
        scenario.expected.forEach((upn, licenses) -> {
            assertThat(f.executions(upn)).as(upn).isEqualTo(1);
            assertThat(f.emulator.tenant().assignedLicenses(f.userIds.get(upn))).as(upn)
                    .containsExactlyInAnyOrderElementsOf(licenses);
        });
    }

    @Test
    void requestsThrottledInsideABatchGoOutAgainAfterRetryAfter() {
        f.emulator.faults().throttleInsideBatch(7, 1);

        ApplyReport report = f.apply().apply(job, null, ApplyOptions.defaults());

        assertAppliedExactlyOnce(report);
        assertThat(f.console()).contains("Graph asked to wait 1 s (429 Too Many Requests)");
    }

    @Test
    void wholeRequest429And503And504AreRetriedWithBackoff() {
        f.emulator.faults().throttleNext(2, 1);
        f.emulator.faults().failNext(1, 503);
        f.emulator.faults().failNext(1, 504);

        ApplyReport report = f.apply().apply(job, null, ApplyOptions.defaults());

        assertAppliedExactlyOnce(report);
        long refused = f.emulator.requests().all().stream()
                .filter(r -> r.path().endsWith("/$batch") && (r.status() == 429 || r.status() >= 500)).count();
        assertThat(refused).isEqualTo(4);
    }

    @Test
    void aTokenThatExpiresMidApplyIsRenewed() {
        AtomicBoolean expired = new AtomicBoolean();
        ApplyHooks expireAfterFirstBatch = p -> {
            if (p == ApplyHooks.Point.AFTER_RECORD && expired.compareAndSet(false, true)) {
                f.emulator.faults().expireTokens();
            }
        };

        ApplyReport report = f.apply(f.properties(), expireAfterFirstBatch, ApplyClock.SYSTEM)
                .apply(job, null, ApplyOptions.defaults());

        assertAppliedExactlyOnce(report);
        assertThat(f.emulator.requests().tokenRequests()).isEqualTo(2);
        assertThat(f.emulator.requests().all().stream().filter(r -> r.status() == 401)).hasSize(1);
    }

    @Test
    void aStormOfThrottlingKeepsTheOrderOfRemovalsBeforeAssignments() {
        f.emulator.faults().throttleInsideBatch(40, 1);

        ApplyReport report = f.apply().apply(job, null, ApplyOptions.defaults());

        assertAppliedExactlyOnce(report);
        // Every pure removal (user001, user005, ...) executed before any pure assignment (user000, user004, ...).
        List<Recorded> batches = f.emulator.requests().all().stream().filter(r -> r.path().endsWith("/$batch")).toList();
        int lastRemoval = -1;
        int firstAssign = Integer.MAX_VALUE;
        for (int i = 0; i < batches.size(); i++) {
            String body = batches.get(i).body();
            if (body.contains("user001@")) {
                lastRemoval = Math.max(lastRemoval, i);
            }
            if (body.contains("user000@")) {
                firstAssign = Math.min(firstAssign, i);
            }
        }
        assertThat(lastRemoval).isLessThan(firstAssign);
    }

    @Test
    void theWriteLimitIsNeverExceededAndItsDurationIsAnnounced() {
        // The tenant enforces 20 writes per 2 s with 429s, as Graph's token bucket does; the connector,
        // told the same limit, waits instead of being throttled. 45 requests need two more windows.
        f.emulator.faults().writeLimit(20, Duration.ofSeconds(2));
        GraphProperties limited = f.properties().withWriteLimit(20, Duration.ofSeconds(2));

        ApplyReport report = f.apply(limited, ApplyHooks.NONE, ApplyClock.SYSTEM).apply(job, null, ApplyOptions.defaults());

        assertAppliedExactlyOnce(report);
        assertThat(f.console()).contains("Graph's limit of 20 writes per 2 s makes this take at least 4 s");
        assertThat(f.emulator.requests().all()).noneMatch(r -> r.status() == 429);
        assertThat(f.console()).doesNotContain("Graph asked to wait");
    }

    @Test
    void graphsRefusalsAreRecordedPerUserWithItsCodeAndMessage() throws Exception {
        JobDefinition other = f.job("refusals");
        Path folder = f.publish(other, "20261201-030000", Instant.now(), List.of(
                "1,SPE_E3,ASSIGN,,nobody@contoso.example",
                "1,SPE_E3,ASSIGN,,user004@contoso.example"));

        ApplyReport report = f.apply().apply(other, null, ApplyOptions.defaults());

        assertThat(report.exitStatus()).isEqualTo(3);
        assertThat(report.failed()).isEqualTo(1);
        String csv = Files.readString(folder.resolve("apply.csv"));
        assertThat(csv).contains("1,SPE_E3,ASSIGN,,nobody@contoso.example,FAILED,Request_ResourceNotFound,");
        assertThat(f.console()).contains("applied with problems to review").contains("FAILED nobody@contoso.example");
    }
}
