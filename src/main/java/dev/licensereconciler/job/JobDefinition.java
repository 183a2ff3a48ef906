package dev.licensereconciler.job;

import dev.licensereconciler.domain.Policies;

import java.nio.file.Path;

/**
 * One job file of jobs/ (§8). Paths are resolved against the working directory the product
 * runs in; {@code catalog} and {@code servicePlanRules} are null for the built-in reference data.
 * {@code schedule} is null for a job that only runs on demand.
 */
public record JobDefinition(String name, JobType type, Schedule schedule, Path input, String requests,
                            Path catalog, Path servicePlanRules, Path output, Policies policies,
                            MailSettings mail, Path source, ApplySettings apply, HistorySettings history) {

    /** A job with the default history limits ({@link HistorySettings#defaults()}). */
    public JobDefinition(String name, JobType type, Schedule schedule, Path input, String requests, Path catalog,
                         Path servicePlanRules, Path output, Policies policies, MailSettings mail, Path source,
                         ApplySettings apply) {
        this(name, type, schedule, input, requests, catalog, servicePlanRules, output, policies, mail, source, apply,
                HistorySettings.defaults());
    }

    /** A job that leaves carrying out its plan to the admin ({@code apply: never}). */
    public JobDefinition(String name, JobType type, Schedule schedule, Path input, String requests, Path catalog,
                         Path servicePlanRules, Path output, Policies policies, MailSettings mail, Path source) {
        this(name, type, schedule, input, requests, catalog, servicePlanRules, output, policies, mail, source,
                ApplySettings.defaults());
    }

    public JobDefinition withInput(Path newInput) {
        return new JobDefinition(name, type, schedule, newInput, requests, catalog, servicePlanRules, output,
                policies, mail, source, apply, history);
    }

    public JobDefinition withOutput(Path newOutput) {
        return new JobDefinition(name, type, schedule, input, requests, catalog, servicePlanRules, newOutput,
                policies, mail, source, apply, history);
    }

    /** A bulk import of another requests file (absolute, or relative to the input folder). */
    public JobDefinition withRequests(String newRequests) {
        return new JobDefinition(name, type, schedule, input, newRequests, catalog, servicePlanRules, output,
                policies, mail, source, apply, history);
    }

    public JobDefinition withHistory(HistorySettings newHistory) {
        return new JobDefinition(name, type, schedule, input, requests, catalog, servicePlanRules, output,
                policies, mail, source, apply, newHistory);
    }

    /** The requests file of a bulk import: relative to the input folder unless absolute. */
    public Path requestsFile() {
        return requests == null ? null : input.resolve(requests);
    }
}
