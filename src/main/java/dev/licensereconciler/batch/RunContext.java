package dev.licensereconciler.batch;

import dev.licensereconciler.domain.InactivityNotices;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobType;
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
    private final NoticeStore notices;
    private ComputedRun computed;

    RunContext(JobDefinition job, TenantRunComputer computer, NoticeStore notices) {
        this.job = job;
        this.computer = computer;
        this.notices = notices;
    }

    /** Whether the run gives (and reads) notices of inactivity: a nightly job with reclaim: inactive or all. */
    boolean givesNotices() {
        return job.type() == JobType.RECONCILE && job.policies().reclaim().reclaimsInactive();
    }

    JobDefinition job() {
        return job;
    }

    /** Computed once per execution; the two parallel store flows of a resumed run may ask at once. */
    synchronized ComputedRun computed(JobExecution execution) {
        if (computed == null) {
            RunParameters p = parameters(execution);
            InactivityNotices prior = givesNotices() ? notices.before(p.jobName(), p.runId()) : InactivityNotices.none();
            computed = computer.compute(job, p.runId(), prior);
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
