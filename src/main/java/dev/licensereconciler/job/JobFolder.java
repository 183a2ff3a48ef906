package dev.licensereconciler.job;

import java.util.List;

/**
 * The job files of a jobs folder: the valid jobs, and the files that cannot be used (each
 * problem names its file), so an invalid file stops only itself.
 */
public record JobFolder(List<JobDefinition> jobs, List<InvalidJobFileException> problems) {

    public JobFolder {
        jobs = List.copyOf(jobs);
        problems = List.copyOf(problems);
    }
}
