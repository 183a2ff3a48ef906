package dev.licensereconciler.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --jobs DIR}, shared by the commands that read job files. */
final class JobsFolderOption {

    @Option(names = "--jobs", paramLabel = "DIR",
            description = "The folder of the job files (default: license-reconciler.jobs-dir, 'jobs').")
    Path jobsDir;
}
