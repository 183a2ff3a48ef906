package dev.licensereconciler.schedule;

import dev.licensereconciler.support.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two scheduler instances (two application contexts, one scheduler name, AUTO instance ids) on
 * one MySQL-protocol database with the clustered JDBC store: each fire time of a job runs once.
 *
 * <p>Both instances live in this JVM, so Quartz's JVM-wide connection-provider registry gives
 * them one pool; each still has its own scheduler, thread pool and cluster instance id, and they
 * coordinate only through the database's locks and state, as two servers do.
 */
class SchedulingClusterMySqlTest {

    /** Executions seen by either instance, by scheduled fire time. */
    static final Map<Long, AtomicInteger> FIRED = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @Test
    void twoInstancesFireEachFiringOfAJobExactlyOnce() throws Exception {
        String url = MariaDb.url("sched_cluster");
        String[] mysql = {"spring.profiles.active=mysql", "spring.datasource.url=" + url,
                "spring.datasource.username=root", "spring.datasource.password=",
                "spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000"};
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "clustered", "*/3 * * * * ?", "UTC");

        ScheduleFixtures.Instance a = null;
        ScheduleFixtures.Instance b = null;
        try {
            a = ScheduleFixtures.start(mysql);
            b = ScheduleFixtures.start(mysql);
            assertThat(a.scheduler().getSchedulerName()).isEqualTo(b.scheduler().getSchedulerName());
            assertThat(a.scheduler().getSchedulerInstanceId()).isNotEqualTo(b.scheduler().getSchedulerInstanceId());
            assertThat(a.scheduler().getMetaData().isJobStoreClustered()).isTrue();
            a.scheduler().getListenerManager().addJobListener(new Counting("a"));
            b.scheduler().getListenerManager().addJobListener(new Counting("b"));
            a.serve(jobs);
            b.serve(jobs);
            JdbcTemplate jdbc = a.jdbc();

            await().atMost(Duration.ofSeconds(30)).until(() -> SchedulingTest.completed(jdbc, "clustered") >= 3);

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?", Integer.class,
                    a.scheduler().getSchedulerName())).as("two cluster members").isEqualTo(2);
            a.scheduler().standby();
            b.scheduler().standby();
            // A firing under way when both went to standby finishes first; one that Quartz had just handed
            // to a thread may not have its Spring Batch execution yet, so wait for one execution per firing.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<Map<String, Object>> executions = ScheduleFixtures.executions(jdbc, "clustered");
                return executions.size() >= FIRED.size() && executions.stream().allMatch(r -> r.get("END_TIME") != null);
            });

            List<Map<String, Object>> runs = ScheduleFixtures.executions(jdbc, "clustered");
            // One execution per run id, one instance per run id: nothing ran twice.
            assertThat(runs.stream().map(r -> r.get("RUN_ID")).distinct().count()).isEqualTo(runs.size());
            assertThat(runs.stream().map(r -> r.get("JOB_INSTANCE_ID")).distinct().count()).isEqualTo(runs.size());
            assertThat(runs).extracting(r -> r.get("STATUS")).containsOnly("COMPLETED");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN WHERE JOB_NAME = 'clustered'", Integer.class))
                    .isEqualTo(runs.size());
            // And Quartz itself fired each scheduled time on one instance only.
            assertThat(FIRED.values().stream().map(AtomicInteger::get).collect(Collectors.toSet())).containsOnly(1);
            assertThat(FIRED).hasSize(runs.size());
            SchedulingTest.assertNoOverlap(runs);
        } finally {
            // Both schedulers share the JVM's connection-provider entry: stop them before either pool closes.
            if (a != null) {
                a.scheduler().shutdown(true);
            }
            if (b != null) {
                b.scheduler().shutdown(true);
            }
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
        }
    }

    private record Counting(String name) implements JobListener {
        @Override
        public String getName() {
            return "count-" + name;
        }

        @Override
        public void jobToBeExecuted(JobExecutionContext context) {
            FIRED.computeIfAbsent(context.getScheduledFireTime().getTime(), t -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void jobExecutionVetoed(JobExecutionContext context) {
        }

        @Override
        public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
        }
    }
}
