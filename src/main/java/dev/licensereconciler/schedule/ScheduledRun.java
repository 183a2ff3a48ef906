package dev.licensereconciler.schedule;

import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A Quartz job that runs one job definition. Concurrent firings of one job are refused by
 * Quartz (also across a cluster); the run id is the scheduled fire time, so two instances that
 * both fire the same trigger would name the same Spring Batch instance, which runs only once.
 */
@DisallowConcurrentExecution
public class ScheduledRun extends QuartzJobBean {

    static final String JOB_FILE = "jobFile";
    private static final Logger log = LoggerFactory.getLogger(ScheduledRun.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunLauncher launcher;
    private JobFileLoader loader;

    @Autowired
    public void setLauncher(RunLauncher launcher) {
        this.launcher = launcher;
    }

    @Autowired
    public void setLoader(JobFileLoader loader) {
        this.loader = loader;
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
        var zone = job.schedule() != null ? job.schedule().timeZone() : java.time.ZoneId.systemDefault();
        String runId = RUN_ID.format(ZonedDateTime.ofInstant(context.getScheduledFireTime().toInstant(), zone));
        try {
            JobExecution execution = launcher.launch(job, new RunLauncher.Options(runId, null, false, false));
            log.info("Scheduled run {} of {} ended {}", runId, job.name(), execution.getStatus());
        } catch (Exception e) {
            log.warn("Scheduled run {} of {} not started: {}", runId, job.name(), e.getMessage());
        }
    }
}
