package dev.licensereconciler.schedule;

import dev.licensereconciler.job.JobCatalog;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.impl.matchers.GroupMatcher;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's "one bad job file blocks all", for serve on MySQL, where Quartz's clustered store
 * keeps the triggers of the last start: serve schedules the valid files and names the invalid
 * one, and a job scheduled by an earlier start whose file has since become invalid no longer
 * fires, while an edited valid one fires on its new schedule. (On H2: SchedulingCommandsTest,
 * SchedulingTest.)
 */
class ServeJobFilesOnMySqlTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static String[] mysql() {
        return new String[]{"spring.profiles.active=mysql", "spring.datasource.url=" + MariaDb.url("serve_job_files"),
            "spring.datasource.username=root", "spring.datasource.password=",
            "logging.level.root=ERROR", "logging.level.dev.licensereconciler=ERROR"};
    }

    @Test
    void serveSchedulesTheValidJobsAndAJobWhoseFileBecameInvalidNoLongerFires() throws Exception {
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "nightly", "0 0 2 * * ?", "Europe/Amsterdam");
        ScheduleFixtures.exampleJob(dir, jobs, "twice", "0 0 3 * * ?", "UTC");
        try (var instance = ScheduleFixtures.start(mysql())) {
            assertThat(instance.scheduling().serve(new JobCatalog(jobs, instance.ctx().getBean(JobFileLoader.class)))).isTrue();
            assertThat(instance.scheduler().getJobKeys(GroupMatcher.anyJobGroup())).extracting(JobKey::getName)
                    .containsExactlyInAnyOrder("nightly", "twice");
        }

        // Before the next start, one file gets a duplicated key and the other a new schedule.
        ScheduleFixtures.write(jobs.resolve("twice.yml"), "name: twice\ninput: x\ninput: y\n");
        ScheduleFixtures.exampleJob(dir, jobs, "nightly", "0 30 4 * * ?", "Europe/Amsterdam");
        try (var instance = ScheduleFixtures.start(mysql())) {
            boolean started = instance.scheduling().serve(new JobCatalog(jobs, instance.ctx().getBean(JobFileLoader.class)));

            assertThat(started).isTrue();
            assertThat(instance.scheduler().getJobKeys(GroupMatcher.anyJobGroup())).extracting(JobKey::getName)
                    .containsExactly("nightly");
            assertThat(instance.scheduling().nextFireTime("twice")).isNull();
            CronTrigger nightly = (CronTrigger) instance.scheduler().getTrigger(Scheduling.triggerKey("nightly"));
            assertThat(nightly.getCronExpression()).isEqualTo("0 30 4 * * ?");
            assertThat(console.out()).contains("Scheduled nightly: 0 30 4 * * ? Europe/Amsterdam");
            assertThat(console.err()).contains("Job file problem: " + jobs.resolve("twice.yml").toAbsolutePath()
                    + ": line 3: key 'input' is given twice; keep one of the two. This job is not scheduled");
        }
    }
}
