package dev.licensereconciler.batch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * How each job's last runs ended, read from Spring Batch's record in the shared database (so a
 * serve instance also sees runs started by {@code run} or by another instance), for health and metrics.
 */
public final class LastRuns {

    /** How far back the last completed run is looked for: past that many newer runs it is "not recently". */
    static final int COMPLETED_LOOKBACK = 50;

    /**
     * The last run of a job and, when that one did not complete, the last run that did.
     *
     * @param status     Spring Batch's status of the run's last execution: COMPLETED, FAILED, STOPPED, STARTED …
     * @param ended      null while it runs
     * @param statistics the run's figures, null when it failed before computing them
     */
    public record LastRun(String jobName, String runId, String status, Instant started, Instant ended,
                          RunStatistics statistics, Instant lastCompletedEnd) {

        public boolean running() {
            return BatchStatus.valueOf(status).isRunning();
        }

        public boolean failed() {
            return status.equals(BatchStatus.FAILED.name()) || status.equals(BatchStatus.ABANDONED.name())
                    || status.equals(BatchStatus.UNKNOWN.name());
        }
    }

    private final JobRepository jobRepository;

    public LastRuns(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    public Optional<LastRun> of(String jobName) {
        List<JobInstance> instances = jobRepository.getJobInstances(jobName, 0, COMPLETED_LOOKBACK);
        if (instances.isEmpty()) {
            return Optional.empty();
        }
        JobExecution last = jobRepository.getLastJobExecution(instances.get(0));
        if (last == null) {
            return Optional.empty();
        }
        Instant lastCompletedEnd = null;
        for (JobInstance instance : instances) {
            JobExecution e = instance == instances.get(0) ? last : jobRepository.getLastJobExecution(instance);
            if (e != null && e.getStatus() == BatchStatus.COMPLETED) {
                lastCompletedEnd = instant(e.getEndTime());
                break;
            }
        }
        return Optional.of(new LastRun(jobName, RunParameters.from(last.getJobParameters()).runId(), last.getStatus().name(),
                instant(last.getStartTime() != null ? last.getStartTime() : last.getCreateTime()), instant(last.getEndTime()),
                RunStatistics.from(last.getExecutionContext()), lastCompletedEnd));
    }

    private static Instant instant(LocalDateTime time) {
        // Spring Batch records local times of the JVM's zone.
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
