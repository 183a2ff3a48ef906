package dev.licensereconciler.schedule;

import dev.licensereconciler.job.InvalidJobFileException;
import dev.licensereconciler.job.JobCatalog;
import dev.licensereconciler.job.JobDefinition;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

/**
 * The serve command: puts every job with a cron into Quartz's JDBC store and starts the
 * scheduler. Job files are read at start, so an edited file takes effect on the next start;
 * jobs whose file is gone are unscheduled. A firing missed while no scheduler ran fires once
 * when one comes back (misfire instruction "fire once now").
 */
public final class Scheduling {

    static final String GROUP = "license-reconciler";
    private static final Logger log = LoggerFactory.getLogger(Scheduling.class);

    private final Scheduler scheduler;

    public Scheduling(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Schedules the catalog's jobs and starts; false (after saying why) when a job file is invalid. */
    public boolean serve(JobCatalog catalog) {
        List<JobDefinition> jobs;
        try {
            jobs = catalog.all();
        } catch (InvalidJobFileException e) {
            System.err.println("Job file problem: " + e.getMessage());
            return false;
        }
        try {
            schedule(jobs);
            scheduler.start();
        } catch (SchedulerException e) {
            System.err.println("Scheduler could not start: " + e.getMessage());
            return false;
        }
        for (JobDefinition job : jobs) {
            if (job.schedule() != null) {
                System.out.println("Scheduled " + job.name() + ": " + job.schedule().cron() + " " + job.schedule().timeZone());
            }
        }
        System.out.println("Scheduler running; stop it with Ctrl+C.");
        return true;
    }

    public void schedule(List<JobDefinition> jobs) throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (JobDefinition job : jobs) {
            if (job.schedule() == null) {
                continue;
            }
            JobKey key = JobKey.jobKey(job.name(), GROUP);
            wanted.add(key);
            JobDetail detail = JobBuilder.newJob(ScheduledRun.class).withIdentity(key)
                    .usingJobData(ScheduledRun.JOB_FILE, job.source().toString())
                    .storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(job.name(), GROUP).forJob(key)
                    .withSchedule(CronScheduleBuilder.cronSchedule(job.schedule().cron())
                            .inTimeZone(TimeZone.getTimeZone(job.schedule().timeZone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            // Replacing keeps the stored trigger in step with the job file, also across a cluster.
            scheduler.scheduleJob(detail, Set.of(trigger), true);
        }
        for (JobKey existing : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(existing)) {
                log.info("Unscheduling {}: its job file is gone or has no cron.", existing.getName());
                scheduler.deleteJob(existing);
            }
        }
    }

}
