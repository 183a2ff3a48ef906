package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParametersIncrementer;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a run of a job, or resumes its last run when that one failed on the same inputs and
 * output: the admin just runs the job again, and a crashed run finishes as if it had never
 * stopped (same run id, no second set of rows, files or mails).
 */
public final class RunLauncher {

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);
    /** Resumptions of a run whose database connection broke under it, one second more apart each time. */
    private static final int CONNECTION_RETRIES = 3;

    /**
     * How to launch.
     *
     * @param runId         an explicit run id (a schedule's fire time); such a run never resumes another
     * @param maxUnassign   a raised accidental-removal guard for this run only; null: the job's
     * @param recoverKilled take the job's lease even from a process that looks alive (the operator knows it is
     *                      gone) and resume its run; a run whose lease lapsed is taken over without it
     * @param startNew      start a new run even if the last one failed on the same inputs
     */
    public record Options(String runId, Integer maxUnassign, boolean recoverKilled, boolean startNew) {

        /** Resume the last run if it failed on the same inputs, else start a new one. */
        public static Options defaults() {
            return new Options(null, null, false, false);
        }

        /** As {@link #defaults()}, taking the lease from a process the operator knows is gone (run --recover). */
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
    private final RunLeases leases;
    /** The runs this JVM has under way, so that SIGTERM can stop them before the database closes. */
    private final Set<Launch> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public RunLauncher(JobOperator jobOperator, JobRepository jobRepository, RunJobFactory jobFactory, RunLeases leases) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobFactory = jobFactory;
        this.leases = leases;
    }

    /**
     * Takes the job's lease, then starts or resumes a run. The lease makes "is a run of this job
     * under way?" and "start one" one atomic step: a contender is refused with who holds it. A run
     * still marked running once the lease is ours was left by a process that died: it is marked
     * failed (abandoned) in Spring Batch's metadata and resumed.
     */
    public JobExecution launch(JobDefinition job, Options options) throws Exception {
        if (closing) {
            throw new ShuttingDownException(job.name());
        }
        Launch launch = new Launch();
        RunLeases.Lease lease = leases.acquire(job.name(), options.recoverKilled(), this::lost);
        launch.lease = lease;
        active.add(launch);
        try {
            boolean tookOver = recoverAbandoned(job, lease);
            RunParameters fresh = RunParameters.of(job, options.runId() != null ? options.runId() : newRunId(job),
                    options.maxUnassign());
            RunParameters params = fresh;
            JobExecution last = lastExecution(job.name());
            if (!options.startNew() && last != null && resumable(last, options, tookOver)) {
                RunParameters previous = RunParameters.from(last.getJobParameters());
                if (sameRun(previous, fresh)) {
                    log.info("Resuming run {} of {} at step {} (it ended {}).", previous.runId(), job.name(),
                            failedStep(last), tookOver ? "when its process died" : last.getStatus());
                    params = previous;
                } else {
                    log.info("Last run {} of {} failed on other inputs, output or guard; starting a new run.",
                            previous.runId(), job.name());
                }
            }
            if (options.runId() != null && params != fresh) {
                log.info("Scheduled run {} of {} resumes run {} instead, which was interrupted.", options.runId(),
                        job.name(), params.runId());
            }
            lease.runs(params.runId());
            launch.runId = params.runId();
            JobExecution execution = jobOperator.start(new LeasedJob(jobFactory.create(job), launch), params.toJobParameters());
            for (int retry = 1; retry <= CONNECTION_RETRIES && lostConnection(execution) && !closing; retry++) {
                // The embedded database is served by whichever process opened it first (AUTO_SERVER):
                // when that process ends, the others' open transactions break. The lease is still
                // ours, so the run resumes at once, as a plain run would (same run id, nothing twice).
                log.warn("Run {} of {} lost its database connection ({}); resuming it.", params.runId(), job.name(),
                        RunOutcome.failureMessage(execution));
                Thread.sleep(1000L * retry);
                recoverAbandoned(job, lease);
                execution = jobOperator.start(new LeasedJob(jobFactory.create(job), launch), params.toJobParameters());
            }
            return execution;
        } finally {
            active.remove(launch);
            lease.release();
            synchronized (active) {
                active.notifyAll();
            }
        }
    }

    /**
     * Which last run a launch resumes: by hand, one that failed, stopped or died; a scheduled
     * firing (its own run id), one that was interrupted (stopped, or its process died) but not one
     * that failed by itself, which waits for the admin.
     */
    private static boolean resumable(JobExecution last, Options options, boolean tookOver) {
        if (options.runId() == null) {
            return isUnfinished(last.getStatus());
        }
        return tookOver || last.getStatus() == BatchStatus.STOPPED;
    }

    /** Marks the executions left running by a dead process as failed; true when there was one. */
    private boolean recoverAbandoned(JobDefinition job, RunLeases.Lease lease) {
        boolean any = false;
        for (JobExecution running : jobRepository.findRunningJobExecutions(job.name())) {
            String runId = RunParameters.from(running.getJobParameters()).runId();
            RunLeases.Holder dead = lease.previous();
            String who = dead == null ? "a process that is gone (it held no lease)"
                    : "process " + dead.pid() + " on host " + dead.host() + " (its lease lapsed at " + dead.lapsesAt() + ")";
            log.warn("Run {} of {} was left running by {}: marking it abandoned and resuming it.", runId, job.name(), who);
            running.setExitStatus(ExitStatus.FAILED.addExitDescription("Abandoned: left running by " + who
                    + "; taken over by process " + ProcessHandle.current().pid() + "."));
            jobOperator.recover(running);
            any = true;
        }
        return any;
    }

    /** The heartbeat found the lease taken over (run --recover elsewhere): this process must not go on writing. */
    private void lost(RunLeases.Lease lease) {
        for (Launch launch : active) {
            if (launch.lease == lease) {
                log.error("Run {} of {} lost its lease to another process (run --recover?); stopping it here at its "
                        + "next step boundary.", launch.runId, lease.jobName());
                launch.stop(jobOperator);
            }
        }
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

    /** How often a run renews its lease: how often a firing that waits for another run looks again. */
    public Duration leaseHeartbeat() {
        return leases.heartbeat();
    }

    /** The last run of a job as "run id STATUS", if it ever ran. */
    public Optional<String> lastRun(String jobName) {
        JobExecution last = lastExecution(jobName);
        return last == null ? Optional.empty()
                : Optional.of(RunParameters.from(last.getJobParameters()).runId() + " " + last.getStatus());
    }

    /** Asks the run of this id, if it runs in this JVM, to stop at its next step boundary. */
    public void stop(String jobName, String runId) {
        for (Launch launch : active) {
            if (launch.lease.jobName().equals(jobName) && runId.equals(launch.runId)) {
                launch.stop(jobOperator);
            }
        }
    }

    /** Starts runs again after {@link #stopAll} (an application that was stopped and is started again). */
    public void acceptRuns() {
        closing = false;
    }

    /**
     * The application closes ({@code serve} after SIGTERM): starts no run any more, asks each run of
     * this JVM to stop at its next step boundary (it ends STOPPED, everything committed kept, and the
     * next run resumes it) and waits up to {@code timeout} for them, so that the database is closed
     * only after.
     */
    public void stopAll(Duration timeout) {
        stopAllSoon();
        if (active.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (active) {
            while (!active.isEmpty() && System.nanoTime() < deadline) {
                try {
                    active.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (active.isEmpty()) {
            log.info("The runs under way have stopped; the next run of each job resumes it.");
        } else {
            log.warn("{} run(s) did not stop within {}; the next run takes them over once their lease lapses.",
                    active.size(), timeout);
        }
    }

    /**
     * SIGTERM of {@code run}: starts no run any more and asks each run of this JVM to stop at its
     * next step boundary, without waiting: the run's own thread reports it and ends the command.
     */
    public void stopAllSoon() {
        closing = true;
        for (Launch launch : active) {
            log.warn("Stopping run {} of {} at its next step boundary: the process is shutting down. "
                    + "Run the job again to resume it.", launch.runId, launch.lease.jobName());
            launch.stop(jobOperator);
        }
    }

    private JobExecution lastExecution(String jobName) {
        JobInstance instance = jobRepository.getLastJobInstance(jobName);
        return instance == null ? null : jobRepository.getLastJobExecution(instance);
    }

    /** A run that failed because its database connection broke, not because of anything in the run. */
    private static boolean lostConnection(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.UNKNOWN) {
            return false;
        }
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
                        || t instanceof SQLRecoverableException
                        || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                    return true;
                }
            }
        }
        return false;
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

    /** Another live process holds the job's lease: it runs (or resumes) a run of the job right now. */
    public static class RunStillRunningException extends RuntimeException {

        private final transient RunLeases.Holder holder;

        public RunStillRunningException(RunLeases.Holder holder) {
            super((holder.runId() == null ? "A run" : "Run " + holder.runId()) + " of " + holder.jobName()
                    + " is running in process " + holder.pid() + " on host " + holder.host() + " since " + holder.since()
                    + ". Wait for it to finish; if that process is gone, the next run takes it over once its lease "
                    + "lapses (" + holder.lapsesAt() + "), or now with: run " + holder.jobName() + " --recover");
            this.holder = holder;
        }

        public RunLeases.Holder holder() {
            return holder;
        }
    }

    /** SIGTERM came: this process starts no run any more. */
    public static class ShuttingDownException extends RuntimeException {
        public ShuttingDownException(String job) {
            super("Not starting " + job + ": the process is shutting down.");
        }
    }

    /** One launch of this JVM: its lease, its run id once known, its execution once started. */
    private static final class Launch {
        volatile RunLeases.Lease lease;
        volatile String runId;
        volatile JobExecution execution;
        volatile boolean stopRequested;

        void stop(JobOperator operator) {
            stopRequested = true;
            JobExecution e = execution;
            if (e != null && e.getStatus().isRunning() && e.getStatus() != BatchStatus.STOPPING) {
                try {
                    operator.stop(e);
                } catch (Exception ex) {
                    log.warn("Could not stop run {}: {}", runId, ex.getMessage());
                }
            }
        }

        void started(JobExecution e, JobOperator operator) {
            execution = e;
            if (stopRequested) {
                stop(operator);
            }
        }
    }

    /** The run's job, telling its launch which execution runs, so a stop reaches this very execution. */
    private final class LeasedJob implements Job {
        private final Job job;
        private final Launch launch;

        LeasedJob(Job job, Launch launch) {
            this.job = job;
            this.launch = launch;
        }

        @Override
        public String getName() {
            return job.getName();
        }

        @Override
        public boolean isRestartable() {
            return job.isRestartable();
        }

        @Override
        public JobParametersIncrementer getJobParametersIncrementer() {
            return job.getJobParametersIncrementer();
        }

        @Override
        public JobParametersValidator getJobParametersValidator() {
            return job.getJobParametersValidator();
        }

        @Override
        public void execute(JobExecution execution) throws JobInterruptedException {
            launch.started(execution, jobOperator);
            job.execute(execution);
        }
    }

    /** This run id already ran, or runs elsewhere right now (another scheduler instance fired it too). */
    public static class RunAlreadyHandledException extends RuntimeException {
        public RunAlreadyHandledException(String message) {
            super(message);
        }
    }
}
