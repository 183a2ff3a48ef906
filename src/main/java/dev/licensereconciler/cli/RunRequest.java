package dev.licensereconciler.cli;

import java.nio.file.Path;

/** What {@code run} was asked to do: the job and this run's overrides of its file (null: the job's own). */
public record RunRequest(String job, Path jobsDir, Path input, Path output, Path requests, Integer maxUnassign,
                         boolean recover, boolean forceNew) {
}
