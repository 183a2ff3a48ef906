package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts a run of a job, or resumes its last run when that one failed on the same inputs and
 * output: the admin just runs the job again, and a crashed run finishes as if it had never
 * stopped (same run id, no second set of rows, files or mails).
 */
public final class RunLauncher {

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    /**
     * How to launch.
     *
     * @param runId         an explicit run id (a schedule's fire time); such a run never resumes another
     * @param maxUnassign   a raised accidental-removal guard for this run only; null: the job's
     * @param recoverKilled mark a run still marked as running (its process was killed) as failed, and resume it
     * @param startNew      start a new run even if the last one failed on the same inputs
     */
    public record Options(String runId, Integer maxUnassign, boolean recoverKilled, boolean startNew) {

        /** Resume the last run if it failed on the same inputs, else start a new one. */
        public static Options defaults() {
            return new Options(null, null, false, false);
        }

        /** As {@link #defaults()}, after marking a killed run as failed (run --recover). */
        public static Options recover() {
            return new Options(null, null, true, false);
        }

        /** A new run whatever the last one did (run --new). */
        public static Options forceNew() {
            return new Options(null, null, false, true);
        }

        /** A scheduled firing, named by its fire time. */
        public static Options scheduled(String runId) {
            return new Options(runId, null, false, false);
        }

        /** @param max the guard for this run only (run --max-unassign N); null keeps the job's */
        public Options withMaxUnassign(Integer max) {
            return new Options(runId, max, recoverKilled, startNew);
        }
    }

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final RunJobFactory jobFactory;

    public RunLauncher(JobOperator jobOperator, JobRepository jobRepository, RunJobFactory jobFactory) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobFactory = jobFactory;
    }

    public JobExecution launch(JobDefinition job, Options options) throws Exception {
        RunParameters fresh = RunParameters.of(job, options.runId() != null ? options.runId() : newRunId(job),
                options.maxUnassign());
        RunParameters params = fresh;
        // One job never runs twice at once, whoever starts it: the command line, a scheduler, a second instance.
        for (JobExecution running : jobRepository.findRunningJobExecutions(job.name())) {
            String runId = RunParameters.from(running.getJobParameters()).runId();
            if (!options.recoverKilled()) {
                throw new RunStillRunningException(job.name(), runId, running.getStartTime());
            }
            log.warn("Recovering run {} of {}: marking its execution as failed so it can resume.", runId, job.name());
            jobOperator.recover(running);
        }
        JobExecution last = lastExecution(job.name());
        boolean mayResume = !options.startNew() && options.runId() == null;
        if (mayResume && last != null && isUnfinished(last.getStatus())) {
            RunParameters previous = RunParameters.from(last.getJobParameters());
            if (sameRun(previous, fresh)) {
                log.info("Resuming run {} of {} at step {} (it ended {}).", previous.runId(), job.name(),
                        failedStep(last), last.getStatus());
                params = previous;
            } else {
                log.info("Last run {} of {} failed on other inputs, output or guard; starting a new run.",
                        previous.runId(), job.name());
            }
        }
        return jobOperator.start(jobFactory.create(job), params.toJobParameters());
    }

    /**
     * Runs the job as {@link #launch} does and says how it ended. A firing whose run id has already
     * run, or is running on another scheduler instance, is a {@link RunAlreadyHandledException}.
     */
    public RunOutcome run(JobDefinition job, Options options) throws Exception {
        try {
            return RunOutcome.of(launch(job, options));
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException e) {
            throw new RunAlreadyHandledException(e.getMessage());
        }
    }

    /** The last run of a job as "run id STATUS", if it ever ran. */
    public Optional<String> lastRun(String jobName) {
        JobExecution last = lastExecution(jobName);
        return last == null ? Optional.empty()
                : Optional.of(RunParameters.from(last.getJobParameters()).runId() + " " + last.getStatus());
    }

    /** Asks the run of this id, if it runs in this JVM's repository, to stop at its next chunk boundary. */
    public void stop(String jobName, String runId) throws Exception {
        for (JobExecution execution : jobRepository.findRunningJobExecutions(jobName)) {
            if (runId.equals(RunParameters.from(execution.getJobParameters()).runId())) {
                jobOperator.stop(execution);
            }
        }
    }

    private JobExecution lastExecution(String jobName) {
        JobInstance instance = jobRepository.getLastJobInstance(jobName);
        return instance == null ? null : jobRepository.getLastJobExecution(instance);
    }

    private static boolean isUnfinished(BatchStatus status) {
        return status == BatchStatus.FAILED || status == BatchStatus.STOPPED || status.isRunning();
    }

    /** Same folders, guard, requests, input files and job file: the stored rows and the rest agree. */
    private static boolean sameRun(RunParameters previous, RunParameters fresh) {
        return previous.input().equals(fresh.input()) && previous.output().equals(fresh.output())
                && Objects.equals(previous.maxUnassign(), fresh.maxUnassign())
                && Objects.equals(previous.requests(), fresh.requests())
                && previous.inputFingerprint().equals(fresh.inputFingerprint());
    }

    private static String failedStep(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() != BatchStatus.COMPLETED)
                .map(StepExecution::getStepName).findFirst().orElse("compute");
    }

    private static String newRunId(JobDefinition job) {
        return RunParameters.newRunId(job.schedule() != null ? job.schedule().timeZone() : ZoneId.systemDefault());
    }

    /** The last run is still marked running: either it runs elsewhere, or its process was killed. */
    public static class RunStillRunningException extends RuntimeException {
        public RunStillRunningException(String job, String runId, LocalDateTime started) {
            super("Run " + runId + " of " + job + " is still marked as running (started " + started + "). "
                    + "If it runs in another process, wait for it to finish. If its process was killed, resume it with: "
                    + "run " + job + " --recover");
        }
    }

    /** This run id already ran, or runs elsewhere right now (another scheduler instance fired it too). */
    public static class RunAlreadyHandledException extends RuntimeException {
        public RunAlreadyHandledException(String message) {
            super(message);
        }
    }
}
