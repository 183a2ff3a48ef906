package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import org.springframework.batch.core.job.JobExecution;

import java.nio.file.Path;

/** Finds, for a step, its run's job definition and computed result. */
public final class RunContext {

    private final ComputedRuns computedRuns;
    private final JobFileLoader jobFileLoader;

    public RunContext(ComputedRuns computedRuns, JobFileLoader jobFileLoader) {
        this.computedRuns = computedRuns;
        this.jobFileLoader = jobFileLoader;
    }

    public JobDefinition job(JobExecution execution) {
        RunParameters p = RunParameters.from(execution.getJobParameters());
        return jobFileLoader.load(p.jobFile()).withInput(p.input()).withOutput(p.output()).withRequests(p.requests());
    }

    public ComputedRun computed(JobExecution execution) {
        return computedRuns.get(execution, job(execution));
    }

    public RunParameters parameters(JobExecution execution) {
        return RunParameters.from(execution.getJobParameters());
    }

    public void release(JobExecution execution) {
        computedRuns.forget(execution);
    }

    public static Path runFolder(RunParameters p) {
        return p.output().resolve(p.jobName()).resolve(p.runId());
    }
}
