package dev.licensereconciler.schedule;

import dev.licensereconciler.job.InvalidJobFileException;
import dev.licensereconciler.job.JobCatalog;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFolder;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

    /**
     * Schedules the catalog's valid jobs and starts; an invalid job file is reported and left
     * out. False (after saying why) when no job file of the folder can be used.
     */
    public boolean serve(JobCatalog catalog) {
        List<JobDefinition> jobs;
        try {
            JobFolder folder = catalog.scan();
            folder.problems().forEach(e -> System.err.println("Job file problem: " + e.getMessage()
                    + " This job is not scheduled until the file is fixed and serve restarted."));
            if (folder.jobs().isEmpty() && !folder.problems().isEmpty()) {
                return false;
            }
            jobs = folder.jobs();
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
        int scheduled = 0;
        for (JobDefinition job : jobs) {
            if (job.schedule() != null) {
                scheduled++;
                System.out.println("Scheduled " + job.name() + ": " + job.schedule().cron() + " " + job.schedule().timeZone()
                        + ", next fire time " + nextFireTimeText(job));
            }
        }
        if (scheduled == 0) {
            System.out.println("No job in " + catalog.jobsDir().toAbsolutePath() + " has a schedule.cron; nothing will fire.");
        }
        System.out.println("Scheduler running; stop it with Ctrl+C (SIGTERM).");
        return true;
    }

    /**
     * Puts the jobs with a cron into the store. A job whose stored trigger already has the same
     * cron, time zone and file is left as it is, so a firing missed while no scheduler ran is
     * still due (and fires once, see the misfire policy). A changed job gets a new trigger, whose
     * first fire time is the next one after now. Jobs of the store whose file is gone or has no
     * cron any more are unscheduled.
     */
    public void schedule(List<JobDefinition> jobs) throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (JobDefinition job : jobs) {
            if (job.schedule() == null) {
                continue;
            }
            JobKey key = JobKey.jobKey(job.name(), GROUP);
            wanted.add(key);
            TimeZone zone = TimeZone.getTimeZone(job.schedule().timeZone());
            String file = job.source().toString();
            if (unchanged(key, job.schedule().cron(), zone, file)) {
                log.debug("{} is scheduled as before.", job.name());
                continue;
            }
            JobDetail detail = JobBuilder.newJob(ScheduledRun.class).withIdentity(key)
                    .usingJobData(ScheduledRun.JOB_FILE, file)
                    .storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey(job.name())).forJob(key)
                    .withSchedule(CronScheduleBuilder.cronSchedule(job.schedule().cron())
                            .inTimeZone(zone)
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            // Replacing keeps the stored trigger in step with the job file, also across a cluster.
            scheduler.scheduleJob(detail, Set.of(trigger), true);
            log.info("Scheduled {}: {} {}", job.name(), job.schedule().cron(), zone.getID());
        }
        for (JobKey existing : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(existing)) {
                log.info("Unscheduling {}: its job file is gone, invalid or has no cron.", existing.getName());
                scheduler.deleteJob(existing);
            }
        }
    }

    /** The next fire time of a job's stored trigger, or null when it is not scheduled. */
    public Date nextFireTime(String jobName) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(triggerKey(jobName));
        return trigger == null ? null : trigger.getNextFireTime();
    }

    private String nextFireTimeText(JobDefinition job) {
        try {
            Date next = nextFireTime(job.name());
            return next == null ? "none" : java.time.ZonedDateTime.ofInstant(next.toInstant(), job.schedule().timeZone())
                    .toOffsetDateTime().toString();
        } catch (SchedulerException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Whether the scheduler fires triggers: started, neither in standby nor shut down (health). */
    public boolean firing() {
        try {
            return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** This instance's id in the store (AUTO on a cluster), for health details. */
    public String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }

    /** The next fire time of a job's stored trigger, empty when it has none or the store cannot be read (health). */
    public Optional<Instant> nextFire(String jobName) {
        try {
            Date next = nextFireTime(jobName);
            return next == null ? Optional.empty() : Optional.of(next.toInstant());
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    static TriggerKey triggerKey(String jobName) {
        return TriggerKey.triggerKey(jobName, GROUP);
    }

    private boolean unchanged(JobKey key, String cron, TimeZone zone, String file) throws SchedulerException {
        JobDetail detail = scheduler.getJobDetail(key);
        Trigger trigger = scheduler.getTrigger(triggerKey(key.getName()));
        if (detail == null || !(trigger instanceof CronTrigger stored)) {
            return false;
        }
        Trigger.TriggerState state = scheduler.getTriggerState(stored.getKey());
        return detail.getJobClass() == ScheduledRun.class
                && file.equals(detail.getJobDataMap().getString(ScheduledRun.JOB_FILE))
                && stored.getJobKey().equals(key)
                && cron.equals(stored.getCronExpression())
                && zone.getID().equals(stored.getTimeZone().getID())
                && stored.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW
                && state != Trigger.TriggerState.ERROR && state != Trigger.TriggerState.NONE;
    }

}
