package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import org.springframework.batch.core.job.JobExecution;

/**
 * One launch of a job: its definition, read once when the run was launched, and what it
 * computed. The result is computed by the first step that needs it (the compute step, or on a
 * resume the first step left to do) and dropped when the execution ends. A new context per
 * launch, so concurrent runs of different tenants never share one.
 */
final class RunContext {

    private final JobDefinition job;
    private final TenantRunComputer computer;
    private ComputedRun computed;

    RunContext(JobDefinition job, TenantRunComputer computer) {
        this.job = job;
        this.computer = computer;
    }

    JobDefinition job() {
        return job;
    }

    /** Computed once per execution; the two parallel store flows of a resumed run may ask at once. */
    synchronized ComputedRun computed(JobExecution execution) {
        if (computed == null) {
            computed = computer.compute(job, parameters(execution).runId());
        }
        return computed;
    }

    /** Rows of the four outputs, 0 while nothing is computed. */
    synchronized long computedRows() {
        return computed == null ? 0 : computed.rows();
    }

    RunParameters parameters(JobExecution execution) {
        return RunParameters.from(execution.getJobParameters());
    }

    synchronized void release() {
        computed = null;
    }
}
