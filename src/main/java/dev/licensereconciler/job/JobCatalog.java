package dev.licensereconciler.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The jobs of a jobs/ folder, found by name or by path to a job file, as the command line
 * names them ("run nightly-reconciliation" or "run jobs/nightly-reconciliation.yml").
 */
public final class JobCatalog {

    private final Path jobsDir;
    private final JobFileLoader loader;

    public JobCatalog(Path jobsDir, JobFileLoader loader) {
        this.jobsDir = jobsDir;
        this.loader = loader;
    }

    public Path jobsDir() {
        return jobsDir;
    }

    public List<JobDefinition> all() {
        return loader.loadAll(jobsDir);
    }

    /** A job by name (as in its file) or by path to a .yml file. */
    public JobDefinition find(String nameOrPath) {
        Path asPath = Path.of(nameOrPath);
        if (JobFileLoader.isJobFile(asPath)) {
            return loader.load(asPath);
        }
        if (Files.isDirectory(jobsDir)) {
            Optional<JobDefinition> match = all().stream().filter(j -> j.name().equalsIgnoreCase(nameOrPath)).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
        }
        if (nameOrPath.endsWith(".yml") || nameOrPath.endsWith(".yaml")) {
            throw new InvalidJobFileException(asPath.toAbsolutePath(), "no such job file.");
        }
        throw new InvalidJobFileException("No job named '" + nameOrPath + "' in " + jobsDir.toAbsolutePath()
                + ". Run 'jobs' to list the jobs, or give the path to a job .yml file.");
    }
}
