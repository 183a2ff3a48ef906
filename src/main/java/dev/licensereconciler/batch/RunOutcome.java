package dev.licensereconciler.batch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;

/**
 * How a run ended, in the terms the command line and the scheduler need, so that Spring Batch's
 * types stay in this package. {@code statistics} is null when the run failed before computing.
 */
public record RunOutcome(String jobName, String runId, boolean completed, String status, String failure,
                         RunStatistics statistics) {

    static RunOutcome of(JobExecution execution) {
        String runId = execution.getJobParameters().getString(RunParameters.RUN_ID);
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        return new RunOutcome(execution.getJobInstance().getJobName(), runId, completed,
                execution.getStatus().name(), completed ? null : failureMessage(execution),
                RunStatistics.from(execution.getExecutionContext()));
    }

    /** The admin-worded message of the first failure, unwrapped from the proxies and wrappers around it. */
    static String failureMessage(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (failures.isEmpty()) {
            return execution.getExitStatus().getExitDescription();
        }
        Throwable t = failures.get(0);
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t instanceof UndeclaredThrowableException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
