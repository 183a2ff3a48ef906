package dev.licensereconciler.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The jobs of a jobs/ folder, found by name or by path to a job file, as the command line
 * names them ("run nightly-reconciliation" or "run jobs/nightly-reconciliation.yml"). A broken
 * file in the folder does not keep any other job from being found.
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

    /** The valid jobs of the folder and, apart, the files that cannot be used. */
    public JobFolder scan() {
        return loader.scan(jobsDir);
    }

    /** A job by name (as in its file) or by path to a .yml file. */
    public JobDefinition find(String nameOrPath) {
        Path asPath = Path.of(nameOrPath);
        if (JobFileLoader.isJobFile(asPath)) {
            return loader.load(asPath);
        }
        JobFolder folder = Files.isDirectory(jobsDir) ? scan() : new JobFolder(List.of(), List.of());
        Optional<JobDefinition> match = folder.jobs().stream().filter(j -> j.name().equalsIgnoreCase(nameOrPath)).findFirst();
        if (match.isPresent()) {
            return match.get();
        }
        if (nameOrPath.endsWith(".yml") || nameOrPath.endsWith(".yaml")) {
            throw new InvalidJobFileException(asPath.toAbsolutePath(), "no such job file.");
        }
        // A broken file cannot say its name; its file name is the best guess of the job it holds.
        for (InvalidJobFileException problem : folder.problems()) {
            if (problem.file() != null && baseName(problem.file()).equalsIgnoreCase(nameOrPath)) {
                throw problem;
            }
        }
        // The job asked for may be in one of them: say what is wrong with each.
        String unusable = folder.problems().stream().map(p -> "\n  " + p.getMessage()).collect(Collectors.joining());
        throw new InvalidJobFileException("No job named '" + nameOrPath + "' in " + jobsDir.toAbsolutePath()
                + ". Run 'jobs' to list the jobs, or give the path to a job .yml file."
                + (unusable.isEmpty() ? "" : " Job files not counted, as they cannot be used:" + unusable));
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") ? n.substring(0, n.length() - 5) : lower.endsWith(".yml") ? n.substring(0, n.length() - 4) : n;
    }
}
