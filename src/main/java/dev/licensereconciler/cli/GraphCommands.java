package dev.licensereconciler.cli;

import dev.licensereconciler.graph.ApplyOptions;
import dev.licensereconciler.graph.GraphApply;
import dev.licensereconciler.graph.GraphSnapshot;
import dev.licensereconciler.job.InvalidJobFileException;
import dev.licensereconciler.job.JobDefinition;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * Carries out {@code snapshot} and {@code apply} once Spring is up: the job is found as {@code run}
 * finds it, the Graph connector does the work and prints its own progress and outcome.
 */
public final class GraphCommands {

    private final Commands commands;
    private final GraphApply apply;
    private final GraphSnapshot snapshot;
    private final PrintStream err;

    public GraphCommands(Commands commands, GraphApply apply, GraphSnapshot snapshot, PrintStream err) {
        this.commands = commands;
        this.apply = apply;
        this.snapshot = snapshot;
        this.err = err;
    }

    public int snapshot(String jobName, Path jobsDir, Path output) {
        return withJob(jobName, jobsDir, job ->
                snapshot.snapshot(job, output == null ? null : output.toAbsolutePath().normalize()).exitStatus());
    }

    public int apply(String jobName, Path jobsDir, String runId, boolean dryRun, Integer maxUnassign) {
        return withJob(jobName, jobsDir, job ->
                apply.apply(job, runId, new ApplyOptions(dryRun, job.apply().maxPlanAge(), maxUnassign)).exitStatus());
    }

    /** Finds the job as {@code run} does; an unusable job file is one line and exit status 1. */
    private int withJob(String jobName, Path jobsDir, ToIntFunction<JobDefinition> command) {
        JobDefinition job;
        try {
            job = commands.catalog(jobsDir).find(jobName);
        } catch (InvalidJobFileException e) {
            err.println("Job file problem: " + e.getMessage());
            return Commands.FAILED;
        }
        return command.applyAsInt(job);
    }
}
