package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import org.springframework.batch.core.job.JobExecution;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Finds, for a step, its run's job definition and computed result. */
public final class RunContext {

    private final ComputedRuns computedRuns;
    private final JobFileLoader jobFileLoader;
    private final Map<Long, JobDefinition> jobs = new ConcurrentHashMap<>();

    public RunContext(ComputedRuns computedRuns, JobFileLoader jobFileLoader) {
        this.computedRuns = computedRuns;
        this.jobFileLoader = jobFileLoader;
    }

    /** The job a run was launched with: its file is read once per run, not at every step. */
    public void remember(JobExecution execution, JobDefinition job) {
        jobs.put(execution.getId(), job);
    }

    public JobDefinition job(JobExecution execution) {
        RunParameters p = RunParameters.from(execution.getJobParameters());
        JobDefinition job = jobs.computeIfAbsent(execution.getId(), id -> jobFileLoader.load(p.jobFile()));
        return job.withInput(p.input()).withOutput(p.output()).withRequests(p.requests());
    }

    public ComputedRun computed(JobExecution execution) {
        return computedRuns.get(execution, job(execution));
    }

    public RunParameters parameters(JobExecution execution) {
        return RunParameters.from(execution.getJobParameters());
    }

    public void release(JobExecution execution) {
        jobs.remove(execution.getId());
        computedRuns.forget(execution);
    }

    public static Path runFolder(RunParameters p) {
        return p.output().resolve(p.jobName()).resolve(p.runId());
    }
}
