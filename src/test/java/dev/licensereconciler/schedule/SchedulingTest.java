package dev.licensereconciler.schedule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Trigger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler on the embedded database with Quartz's JDBC store: a cron seconds apart fires
 * real runs of the worked example, one job never runs twice at once, and firings missed while
 * no scheduler ran fire once when one comes back.
 */
class SchedulingTest {

    private static final Path DATA = Path.of("target/test-db/scheduling");
    private static final String[] H2 = {
            "license-reconciler.data-dir=./" + DATA,
            // A firing more than a second late is a misfire, so the tests need not wait a minute.
            "spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000"};

    @TempDir
    Path dir;

    @BeforeAll
    static void freshDatabase() {
        // Triggers live in the database: start without those of an earlier test run.
        ScheduleFixtures.deleteTree(DATA);
    }

    @Test
    void aCronSecondsApartFiresRunsThatComplete() throws Exception {
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "every-two-seconds", "*/2 * * * * ?", "Europe/Amsterdam");
        try (var instance = ScheduleFixtures.start(H2)) {
            instance.serve(jobs);
            JdbcTemplate jdbc = instance.jdbc();

            // The run id is the scheduled fire time in the job's time zone: an even second. A firing
            // that came over a second late on a busy machine is a misfire, which Quartz fires at once
            // under its own time (the misfire test below): the first on-time firing is looked at.
            await().atMost(Duration.ofSeconds(20)).until(() -> onTime(jdbc) != null);

            String runId = (String) onTime(jdbc).get("RUN_ID");
            LocalDateTime fired = LocalDateTime.parse(runId, DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            assertThat(Duration.between(fired, LocalDateTime.now(ZoneId.of("Europe/Amsterdam"))).abs())
                    .as("a fire time of the job's time zone, not the machine's").isLessThan(Duration.ofSeconds(30));
            assertThat(jdbc.queryForObject("SELECT OUTPUT_PATH FROM LR_RUN WHERE JOB_NAME = ? AND RUN_ID = ?", String.class,
                    "every-two-seconds", runId)).isEqualTo(dir.resolve("out/every-two-seconds").resolve(runId).toString());
            assertThat(dir.resolve("out/every-two-seconds").resolve(runId).resolve("actions.csv")).isRegularFile();
            assertThat(instance.scheduling().nextFireTime("every-two-seconds")).isAfter(new Date(System.currentTimeMillis() - 3000));
        }
    }

    @Test
    void oneJobNeverRunsTwiceAtOnceAndShutdownLeavesNoRunMarkedRunning() throws Exception {
        Path jobs = dir.resolve("jobs");
        // Fires every second while each run takes longer than 2.5 s.
        ScheduleFixtures.exampleJob(dir, jobs, "slow", "* * * * * ?", "UTC");
        SlowResultInsert.maxInside.set(0);
        try (var instance = ScheduleFixtures.start(H2)) {
            JdbcTemplate jdbc = instance.jdbc();
            jdbc.execute("DROP TRIGGER IF EXISTS SLOW_RESULT_INSERT");
            jdbc.execute("CREATE TRIGGER SLOW_RESULT_INSERT BEFORE INSERT ON LR_RESULT FOR EACH ROW CALL \""
                    + SlowResultInsert.class.getName() + "\"");
            try {
                instance.serve(jobs);

                await().atMost(Duration.ofSeconds(30)).until(() -> completed(jdbc, "slow") >= 2);

                List<Map<String, Object>> runs = ScheduleFixtures.executions(jdbc, "slow");
                assertNoOverlap(runs);
                assertThat(SlowResultInsert.maxInside.get()).isEqualTo(1);
                assertThat(runs.stream().map(r -> r.get("JOB_INSTANCE_ID")).distinct().count()).isEqualTo(runs.size());
            } finally {
                jdbc.execute("DROP TRIGGER IF EXISTS SLOW_RESULT_INSERT");
            }
        }
        // After a normal shutdown (what SIGTERM does) no run is left marked as running.
        JdbcTemplate after = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:file:./" + DATA + "/license-reconciler;AUTO_SERVER=TRUE", "sa", ""));
        List<Map<String, Object>> runs = ScheduleFixtures.executions(after, "slow");
        assertNoOverlap(runs);
        assertThat(runs).extracting(r -> r.get("STATUS")).allMatch(s -> s.equals("COMPLETED") || s.equals("STOPPED"));
    }

    @Test
    void firingsMissedWhileNoSchedulerRanFireOnceWhenItComesBack() throws Exception {
        Path jobs = dir.resolve("jobs");
        List<ZonedDateTime> missed;
        try (var first = ScheduleFixtures.start(H2)) {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
            missed = List.of(now.plusSeconds(2), now.plusSeconds(4), now.plusSeconds(6));
            ScheduleFixtures.exampleJob(dir, jobs, "missed", cronAt(missed), "UTC");
            // Scheduled, but this scheduler never starts: it goes down before the fire times.
            first.scheduling().schedule(first.ctx().getBean(dev.licensereconciler.job.JobFileLoader.class).loadAll(jobs));
        }
        try (var second = ScheduleFixtures.start(H2)) {
            long wait = Duration.between(ZonedDateTime.now(ZoneOffset.UTC), missed.get(2).plusSeconds(2)).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            JdbcTemplate jdbc = second.jdbc();
            assertThat(ScheduleFixtures.executions(jdbc, "missed")).isEmpty();

            Trigger stored = second.scheduler().getTrigger(Scheduling.triggerKey("missed"));
            assertThat(stored.getMisfireInstruction()).isEqualTo(org.quartz.CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
            assertThat(stored.getNextFireTime()).isEqualTo(Date.from(missed.get(0).toInstant()));

            second.serve(jobs);

            await().atMost(Duration.ofSeconds(20)).until(() -> completed(jdbc, "missed") >= 1);
            Thread.sleep(3000);
            List<Map<String, Object>> runs = ScheduleFixtures.executions(jdbc, "missed");
            assertThat(runs).as("three missed firings, one run").hasSize(1);
            // It fired when the scheduler came back, not at one of the missed times.
            LocalDateTime ran = LocalDateTime.parse((String) runs.get(0).get("RUN_ID"),
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            assertThat(ran).isAfter(missed.get(2).toLocalDateTime());
            // No catch-up firing is pending (the trigger, with no fire time left, may be gone).
            Trigger trigger = second.scheduler().getTrigger(Scheduling.triggerKey("missed"));
            Date next = trigger == null ? null : trigger.getNextFireTime();
            assertThat(next == null || next.getTime() > System.currentTimeMillis() + 30_000)
                    .as("next fire time %s", next).isTrue();
        }
    }

    @Test
    void anEditedOrRemovedJobFileTakesEffectOnTheNextStart() throws Exception {
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "edited", "0 0 2 * * ?", "UTC");
        ScheduleFixtures.exampleJob(dir, jobs, "removed", "0 0 3 * * ?", "UTC");
        try (var instance = ScheduleFixtures.start(H2)) {
            var loader = instance.ctx().getBean(dev.licensereconciler.job.JobFileLoader.class);
            instance.scheduling().schedule(loader.loadAll(jobs));
            assertThat(instance.scheduling().nextFireTime("removed")).isNotNull();

            ScheduleFixtures.exampleJob(dir, jobs, "edited", "0 30 4 * * ?", "Europe/Amsterdam");
            Files.delete(jobs.resolve("removed.yml"));
            instance.scheduling().schedule(loader.loadAll(jobs));

            var trigger = (org.quartz.CronTrigger) instance.scheduler().getTrigger(Scheduling.triggerKey("edited"));
            assertThat(trigger.getCronExpression()).isEqualTo("0 30 4 * * ?");
            assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Amsterdam");
            assertThat(ZonedDateTime.ofInstant(trigger.getNextFireTime().toInstant(), java.time.ZoneId.of("Europe/Amsterdam"))
                    .toLocalTime()).isEqualTo(java.time.LocalTime.of(4, 30));
            assertThat(instance.scheduling().nextFireTime("removed")).isNull();
            assertThat(instance.scheduler().checkExists(org.quartz.JobKey.jobKey("removed", Scheduling.GROUP))).isFalse();
        }
    }

    /** A cron firing at exactly these times (other combinations of its fields are in the past or a minute away). */
    static String cronAt(List<ZonedDateTime> times) {
        return String.join(" ", field(times, ZonedDateTime::getSecond), field(times, ZonedDateTime::getMinute),
                field(times, ZonedDateTime::getHour), field(times, ZonedDateTime::getDayOfMonth),
                field(times, ZonedDateTime::getMonthValue), "?", field(times, ZonedDateTime::getYear));
    }

    private static String field(List<ZonedDateTime> times, java.util.function.ToIntFunction<ZonedDateTime> f) {
        TreeSet<Integer> values = new TreeSet<>();
        times.forEach(t -> values.add(f.applyAsInt(t)));
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    static int completed(JdbcTemplate jdbc, String jobName) {
        return (int) ScheduleFixtures.executions(jdbc, jobName).stream().filter(e -> "COMPLETED".equals(e.get("STATUS"))).count();
    }

    /** Each run starts after the one before it ended. */
    static void assertNoOverlap(List<Map<String, Object>> runs) {
        for (int i = 1; i < runs.size(); i++) {
            Object previousEnd = runs.get(i - 1).get("END_TIME");
            assertThat(previousEnd).as("run %s ended before the next began", runs.get(i - 1).get("RUN_ID")).isNotNull();
            assertThat(toLocal(runs.get(i).get("START_TIME"))).as("start of %s", runs.get(i).get("RUN_ID"))
                    .isAfterOrEqualTo(toLocal(previousEnd));
        }
    }

    private static LocalDateTime toLocal(Object timestamp) {
        return timestamp instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) timestamp;
    }

    private static Map<String, Object> onTime(JdbcTemplate jdbc) {
        return ScheduleFixtures.executions(jdbc, "every-two-seconds").stream()
                .filter(e -> "COMPLETED".equals(e.get("STATUS")) && ((String) e.get("RUN_ID")).matches("\\d{8}-\\d{5}[02468]"))
                .findFirst().orElse(null);
    }
}
