package dev.licensereconciler.schedule;

import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.batch.RunOutcome;
import dev.licensereconciler.batch.RunParameters;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Date;

/**
 * A Quartz job that runs one job definition. Concurrent firings of one job are refused by
 * Quartz (also across a cluster: the trigger is blocked in the shared store while a run is
 * under way). The run id is the scheduled fire time in the job's time zone, so should two
 * instances ever fire the same trigger they would name the same Spring Batch job instance,
 * which Spring Batch runs only once; the second firing is logged and returns quietly.
 *
 * <p>A run holds its Quartz thread only while it runs: every failure ends the firing. A firing
 * that finds the job's lease held by another process (a run started by hand, or resuming a crashed
 * one) waits for it, and takes the run over if its holder dies. A firing that finds the job's last
 * run interrupted (its process died, or it was stopped) resumes that run. On scheduler shutdown
 * (SIGTERM) the run is asked to stop at its next step boundary; it then ends STOPPED and the next
 * firing, or {@code run <job>}, resumes it.
 */
@DisallowConcurrentExecution
public class ScheduledRun extends QuartzJobBean implements InterruptableJob {

    static final String JOB_FILE = "jobFile";
    private static final Logger log = LoggerFactory.getLogger(ScheduledRun.class);

    private RunLauncher launcher;
    private JobFileLoader loader;

    private volatile String jobName;
    private volatile String runId;
    private boolean cancelled;

    @Autowired
    public void setLauncher(RunLauncher launcher) {
        this.launcher = launcher;
    }

    @Autowired
    public void setLoader(JobFileLoader loader) {
        this.loader = loader;
    }

    /** The run id of a firing: its scheduled fire time in the job's time zone (second precision). */
    static String runId(Date scheduledFireTime, ZoneId zone) {
        return RunParameters.scheduledRunId(scheduledFireTime.toInstant(), zone);
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        Path file = Path.of(context.getMergedJobDataMap().getString(JOB_FILE));
        JobDefinition job;
        try {
            job = loader.load(file);
        } catch (RuntimeException e) {
            log.error("Scheduled run skipped: {}", e.getMessage());
            return;
        }
        ZoneId zone = job.schedule() != null ? job.schedule().timeZone() : ZoneId.systemDefault();
        Date fireTime = context.getScheduledFireTime() != null ? context.getScheduledFireTime() : context.getFireTime();
        String id = runId(fireTime, zone);
        jobName = job.name();
        runId = id;
        try {
            log.info("Scheduled run {} of {} starting on scheduler instance {}.", id, job.name(), instanceId(context));
            RunOutcome outcome = runWhenFree(job, id);
            if (outcome != null) {
                log.info("Scheduled run {} of {} ended {}", id, job.name(), outcome.status());
            }
        } catch (RunLauncher.RunAlreadyHandledException e) {
            // Another scheduler instance already ran (or is running) this firing.
            log.info("Scheduled run {} of {} already ran or is running elsewhere; nothing to do.", id, job.name());
        } catch (RunLauncher.ShuttingDownException e) {
            log.info("Scheduled run {} of {} not started: the scheduler is shutting down.", id, job.name());
        } catch (Exception e) {
            log.error("Scheduled run {} of {} could not run: {}", id, job.name(), e.getMessage(), e);
        } finally {
            runId = null;
        }
    }

    /**
     * Runs the firing; while another process holds the job's lease (a run started by hand, or one
     * resuming a crashed run) the firing waits, saying so once, and runs when the lease is free, or
     * takes it over when its holder dies. Null when the scheduler shut down meanwhile.
     */
    private RunOutcome runWhenFree(JobDefinition job, String id) throws Exception {
        boolean said = false;
        while (true) {
            try {
                return launcher.run(job, RunLauncher.Options.scheduled(id));
            } catch (RunLauncher.RunStillRunningException e) {
                if (!said) {
                    log.info("Scheduled run {} of {} waits: {}", id, job.name(), e.getMessage());
                    said = true;
                }
            }
            synchronized (this) {
                if (!cancelled) {
                    wait(launcher.leaseHeartbeat().toMillis());
                }
                if (cancelled) {
                    log.info("Scheduled run {} of {} not started: the scheduler is shutting down.", id, job.name());
                    return null;
                }
            }
        }
    }

    private static String instanceId(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (Exception e) {
            return "?";
        }
    }

    /** Called by Quartz on shutdown: asks the run under way to stop at its next chunk boundary. */
    @Override
    public void interrupt() {
        String name = jobName;
        String id = runId;
        if (name == null || id == null || launcher == null) {
            return;
        }
        // Ends the wait of a firing that waits for another process's run; a run under way stops at its next step boundary.
        synchronized (this) {
            cancelled = true;
            notifyAll();
        }
        launcher.stop(name, id);
    }
}
