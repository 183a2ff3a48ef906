package dev.licensereconciler.schedule;

import dev.licensereconciler.support.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12: "a firing during that recover is dropped". A firing that meets the job's lease held
 * by another process (a --recover, or a run on another node) waits and starts once the lease is
 * given back, under its own run id; it is never dropped. On the embedded database and on MySQL.
 */
class FiringMeetsHeldLeaseTest {

    private static final Path DATA = Path.of("target/test-db/firing-meets-held-lease");
    /** Short heartbeats, so the waiting firing tries again within a second of the lease's release. */
    private static final String[] LEASE = {"license-reconciler.run-lease.heartbeat=500ms",
        "license-reconciler.run-lease.duration=3s", "logging.level.root=ERROR", "logging.level.dev.licensereconciler=ERROR"};

    @TempDir
    Path dir;

    private void assertTheFiringWaitsForTheLeaseAndThenRuns(String... database) throws Exception {
        Path jobs = dir.resolve("jobs");
        try (var instance = ScheduleFixtures.start(Stream.concat(Stream.of(LEASE), Stream.of(database)).toArray(String[]::new))) {
            JdbcTemplate jdbc = instance.jdbc();
            // Process 777 on db02 holds the job's lease and keeps renewing it: a recovery under way elsewhere.
            long now = System.currentTimeMillis();
            jdbc.update("INSERT INTO LR_RUN_LEASE (JOB_NAME, TOKEN, HOST, PID, ACQUIRED_AT, RENEWED_AT, EXPIRES_AT) "
                    + "VALUES ('held', 'recovering', 'db02', 777, ?, ?, ?)", now, now, now + 600_000);
            // One firing, three seconds from now (the application has started: its start takes no part of them).
            ZonedDateTime fire = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).plusSeconds(3);
            ScheduleFixtures.exampleJob(dir, jobs, "held", SchedulingTest.cronAt(List.of(fire)), "UTC");
            instance.serve(jobs);

            Thread.sleep(Math.max(0, Duration.between(ZonedDateTime.now(ZoneOffset.UTC), fire).toMillis()) + 2_000);
            assertThat(ScheduleFixtures.executions(jdbc, "held")).as("no run beside the held lease").isEmpty();

            // The recovery ends and gives the lease back: the waiting firing runs now.
            jdbc.update("DELETE FROM LR_RUN_LEASE WHERE JOB_NAME = 'held'");
            await().atMost(Duration.ofSeconds(30)).until(() -> SchedulingTest.completed(jdbc, "held") == 1);

            List<Map<String, Object>> runs = ScheduleFixtures.executions(jdbc, "held");
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).get("RUN_ID")).isEqualTo(fire.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN_LEASE WHERE JOB_NAME = 'held'", Integer.class)).isZero();
        }
    }

    @Test
    void onTheEmbeddedDatabaseAFiringWaitsForAHeldLease() throws Exception {
        ScheduleFixtures.deleteTree(DATA);
        assertTheFiringWaitsForTheLeaseAndThenRuns("license-reconciler.data-dir=./" + DATA);
    }

    @Test
    void onMySqlAFiringWaitsForAHeldLease() throws Exception {
        assertTheFiringWaitsForTheLeaseAndThenRuns("spring.profiles.active=mysql",
                "spring.datasource.url=" + MariaDb.url("firing_held_lease"), "spring.datasource.username=root",
                "spring.datasource.password=");
    }
}
