package dev.licensereconciler.schedule;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.cli.Commands;
import dev.licensereconciler.job.JobCatalog;
import dev.licensereconciler.job.JobFileLoader;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The jobs and serve commands: next fire times in each job's zone, clear errors for a bad job file or cron. */
class SchedulingCommandsTest {

    private static final String DATA = "--license-reconciler.data-dir=./target/test-db/scheduling-commands";

    @TempDir
    Path dir;

    @org.junit.jupiter.api.extension.RegisterExtension
    final dev.licensereconciler.support.ConsoleCapture console = new dev.licensereconciler.support.ConsoleCapture();

    @Test
    void jobsListsEachJobWithTypeScheduleAndNextFireTimeInItsZone() {
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "nightly", "0 0 2 * * ?", "Europe/Amsterdam");
        ScheduleFixtures.exampleJob(dir, jobs, "tokyo", "0 30 6 ? * MON-FRI", "Asia/Tokyo");
        ScheduleFixtures.write(jobs.resolve("adhoc.yml"), "name: adhoc\ntype: reconcile\ninput: " + dir.resolve("input-nightly") + "\n");

        int status = LicenseReconcilerApplication.execute("jobs", "--jobs", jobs.toString(), DATA);

        String text = console.out();
        assertThat(status).as(console.err()).isEqualTo(Commands.CLEAN);
        assertThat(text).containsPattern("JOB\\s+TYPE\\s+SCHEDULE\\s+NEXT FIRE TIME");
        assertThat(text).containsPattern("nightly\\s+reconcile\\s+0 0 2 \\* \\* \\? Europe/Amsterdam\\s+\\d{4}-\\d\\d-\\d\\dT02:00\\+0[12]:00\\s");
        assertThat(text).containsPattern("tokyo\\s+reconcile\\s+0 30 6 \\? \\* MON-FRI Asia/Tokyo\\s+\\d{4}-\\d\\d-\\d\\dT06:30\\+09:00\\s");
        assertThat(text).containsPattern("adhoc\\s+reconcile\\s+on demand\\s+-\\s");
    }

    @Test
    void anInvalidCronIsNamedWithItsFileAndKeyByJobsAndServe() {
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "broken", "0 0 25 * * ?", "UTC");

        int jobsStatus = LicenseReconcilerApplication.execute("jobs", "--jobs", jobs.toString(), DATA);
        int serveStatus = LicenseReconcilerApplication.execute("serve", "--jobs", jobs.toString(), DATA);

        assertThat(jobsStatus).isEqualTo(Commands.FAILED);
        assertThat(serveStatus).isEqualTo(Commands.FAILED);
        String errors = console.err();
        String message = "Job file problem: " + jobs.resolve("broken.yml").toAbsolutePath();
        assertThat(errors.split(java.util.regex.Pattern.quote(message), -1)).as(errors).hasSize(3);
        assertThat(errors).contains("schedule.cron '0 0 25 * * ?' is not a valid Quartz cron expression");
    }

    @Test
    void anInvalidTimeZoneOrBrokenYamlStopsServeWithAClearError() {
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "zoned", "0 0 2 * * ?", "Mars/Olympus");

        assertThat(LicenseReconcilerApplication.execute("serve", "--jobs", jobs.toString(), DATA)).isEqualTo(Commands.FAILED);
        assertThat(console.err()).contains("zoned.yml")
                .contains("schedule.timeZone 'Mars/Olympus' is not a time zone");

        ScheduleFixtures.write(jobs.resolve("zoned.yml"), "name: zoned\nschedule:\n  cron: \"0 0 2 * * ?\"\n timeZone: UTC\n");
        assertThat(LicenseReconcilerApplication.execute("serve", "--jobs", jobs.toString(), DATA)).isEqualTo(Commands.FAILED);
        assertThat(console.err()).contains("zoned.yml: line");
    }

    @Test
    void jobsListsTheValidJobsAndNamesTheInvalidFileBesideThem() {
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "nightly", "0 0 2 * * ?", "Europe/Amsterdam");
        ScheduleFixtures.write(jobs.resolve("typo.yml"), "name: typo\ninput: x\nmail:\n  enable: true\n");

        int status = LicenseReconcilerApplication.execute("jobs", "--jobs", jobs.toString(), DATA);

        assertThat(status).isEqualTo(Commands.FAILED);
        assertThat(console.out()).containsPattern("nightly\\s+reconcile\\s+0 0 2 \\* \\* \\? Europe/Amsterdam");
        assertThat(console.err()).contains("Job file problem: " + jobs.resolve("typo.yml").toAbsolutePath()
                + ": line 4: unknown key 'mail.enable'. Known keys in mail: enabled, fallbackRecipients, from, surplusNoticeDays.");
    }

    @Test
    void serveSchedulesTheValidJobsAndReportsTheInvalidFile() throws Exception {
        Path jobs = dir.resolve("jobs");
        ScheduleFixtures.exampleJob(dir, jobs, "nightly", "0 0 2 * * ?", "Europe/Amsterdam");
        ScheduleFixtures.write(jobs.resolve("twice.yml"), "name: twice\ninput: x\ninput: y\n");
        ScheduleFixtures.deleteTree(Path.of("target/test-db/scheduling-commands-serve"));
        try (var instance = ScheduleFixtures.start("license-reconciler.data-dir=./target/test-db/scheduling-commands-serve")) {
            JobCatalog catalog = new JobCatalog(jobs, instance.ctx().getBean(JobFileLoader.class));

            boolean started = instance.scheduling().serve(catalog);

            assertThat(started).isTrue();
            assertThat(instance.scheduling().nextFireTime("nightly")).isNotNull();
            assertThat(instance.scheduler().getJobKeys(GroupMatcher.anyJobGroup())).extracting(JobKey::getName)
                    .containsExactly("nightly");
            assertThat(console.out()).contains("Scheduled nightly: 0 0 2 * * ? Europe/Amsterdam");
            assertThat(console.err()).contains("Job file problem: " + jobs.resolve("twice.yml").toAbsolutePath()
                    + ": line 3: key 'input' is given twice; keep one of the two. This job is not scheduled");
        }
    }
}
