package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import org.springframework.batch.core.job.JobExecution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The computed result of each job execution running in this JVM, computed on first use by any
 * step and dropped when the execution ends. Keyed by execution, so concurrent runs of different
 * tenants never see each other's data.
 */
public final class ComputedRuns {

    private final RunComputer computer;
    private final Map<Long, ComputedRun> runs = new ConcurrentHashMap<>();

    public ComputedRuns(RunComputer computer) {
        this.computer = computer;
    }

    public ComputedRun get(JobExecution execution, JobDefinition job) {
        RunParameters p = RunParameters.from(execution.getJobParameters());
        return runs.computeIfAbsent(execution.getId(), id -> computer.compute(
                job.withInput(p.input()).withOutput(p.output()).withRequests(p.requests()), p.runId()));
    }

    public void forget(JobExecution execution) {
        runs.remove(execution.getId());
    }
}
