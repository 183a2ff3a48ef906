package dev.licensereconciler.cli;

import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.batch.RunOutcome;
import dev.licensereconciler.batch.RunStatistics;
import dev.licensereconciler.graph.ApplyOptions;
import dev.licensereconciler.graph.GraphApply;
import dev.licensereconciler.job.InvalidJobFileException;
import dev.licensereconciler.job.JobCatalog;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.job.JobFolder;
import dev.licensereconciler.job.JobType;
import dev.licensereconciler.job.Schedule;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Carries out the run and jobs commands once Spring is up (the command line itself is parsed
 * before, by {@link LicenseReconcilerCommand}) and turns their outcome into the exit status of §5.
 */
public final class Commands {

    public static final int CLEAN = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int PROBLEMS = 3;

    private final RunLauncher launcher;
    private final GraphApply graphApply;
    private final JobFileLoader loader;
    private final Path defaultJobsDir;
    private final PrintStream out;
    private final PrintStream err;

    public Commands(RunLauncher launcher, GraphApply graphApply, JobFileLoader loader, Path defaultJobsDir,
                    PrintStream out, PrintStream err) {
        this.launcher = launcher;
        this.graphApply = graphApply;
        this.loader = loader;
        this.defaultJobsDir = defaultJobsDir;
        this.out = out;
        this.err = err;
    }

    /** The jobs of the folder given with --jobs, or of the configured one ({@code license-reconciler.jobs-dir}). */
    public JobCatalog catalog(Path jobsDir) {
        return new JobCatalog(jobsDir != null ? jobsDir : defaultJobsDir, loader);
    }

    public int run(RunRequest request) {
        try {
            return launch(request);
        } catch (InvalidJobFileException e) {
            return jobFileProblem(e);
        }
    }

    public int jobs(Path jobsDir) {
        try {
            return list(jobsDir);
        } catch (InvalidJobFileException e) {
            return jobFileProblem(e);
        }
    }

    private int jobFileProblem(InvalidJobFileException e) {
        err.println("Job file problem: " + e.getMessage());
        return FAILED;
    }

    private int launch(RunRequest request) {
        JobDefinition job = catalog(request.jobsDir()).find(request.job());
        if (request.input() != null) {
            job = job.withInput(request.input().toAbsolutePath().normalize());
        }
        if (request.output() != null) {
            job = job.withOutput(request.output().toAbsolutePath().normalize());
        }
        if (request.requests() != null) {
            if (job.type() != JobType.BULK_IMPORT) {
                err.println("--requests goes with a bulk-import job; " + job.name() + " is a " + job.type().yamlName() + " job.");
                return USAGE;
            }
            job = job.withRequests(request.requests().toAbsolutePath().normalize().toString());
        }
        RunOutcome outcome;
        try {
            RunLauncher.Options options = request.recover() ? RunLauncher.Options.recover()
                    : request.forceNew() ? RunLauncher.Options.forceNew() : RunLauncher.Options.defaults();
            outcome = launcher.run(job, options.withMaxUnassign(request.maxUnassign()));
        } catch (RunLauncher.RunStillRunningException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("Could not start " + job.name() + ": " + e.getMessage());
            return FAILED;
        }
        int status = report(job, outcome);
        if (status != FAILED && job.apply().afterRun()) {
            // apply: after-run carries the plan just published out; the worse of the two statuses counts.
            int applied = graphApply.apply(job, outcome.runId(),
                    new ApplyOptions(false, job.apply().maxPlanAge(), request.maxUnassign())).exitStatus();
            return applied == CLEAN ? status : applied;
        }
        return status;
    }

    private int report(JobDefinition job, RunOutcome outcome) {
        String runId = outcome.runId();
        RunStatistics stats = outcome.statistics();
        if ("STOPPED".equals(outcome.status())) {
            err.println(job.name() + " run " + runId + " stopped before it finished (the process was asked to stop). "
                    + "Nothing was published; run the job again to resume it where it stopped.");
            return FAILED;
        }
        if (!outcome.completed()) {
            err.println(job.name() + " run " + runId + " FAILED: " + outcome.failure());
            err.println("Nothing was published for this run. Fix the cause and run the job again "
                    + "(a run that failed part-way on unchanged inputs resumes where it stopped).");
            return FAILED;
        }
        boolean problems = stats != null && stats.hasProblems();
        out.println(job.name() + " run " + runId + ": " + (problems ? "completed with problems to review" : "completed, all clean"));
        if (stats != null) {
            out.printf("  %d users in users.csv: %d licenses to assign, %d to unassign, %d service updates; %d refused; %d input errors%n",
                    stats.users(), stats.assigned(), stats.unassigned(), stats.updated(), stats.refused(), stats.inputErrors());
            out.printf("  Shortfall: %d licenses to buy%s%n", stats.shortfall(),
                    stats.shortfall() > 0 ? " (see shortfall.csv)" : "");
            if (stats.mailsFailed() > 0) {
                out.printf("  %d purchaser mails could not be sent (see the log); run the job again to retry them.%n",
                        stats.mailsFailed());
            }
            out.println("  Reports: " + stats.runFolder());
            out.println("    " + reportFiles(Path.of(stats.runFolder())));
        }
        return problems ? PROBLEMS : CLEAN;
    }

    /** The reports the run folder holds, in the order an admin reads them (a nightly run has the savings too). */
    private static String reportFiles(Path folder) {
        List<String> order = List.of("actions.csv", "results.csv", "errors.csv", "shortfall.csv", "surplus.csv",
                "recommendations.csv", "costs.csv", "summary.html");
        return order.stream().filter(f -> Files.exists(folder.resolve(f))).collect(Collectors.joining("  "));
    }

    private int list(Path jobsDir) {
        JobCatalog catalog = catalog(jobsDir);
        JobFolder folder = catalog.scan();
        folder.problems().forEach(problem -> err.println("Job file problem: " + problem.getMessage()));
        int status = folder.problems().isEmpty() ? CLEAN : FAILED;
        List<JobDefinition> jobs = folder.jobs();
        if (jobs.isEmpty()) {
            out.println("No jobs in " + catalog.jobsDir().toAbsolutePath());
            return status;
        }
        out.printf("%-30s %-12s %-34s %-28s %s%n", "JOB", "TYPE", "SCHEDULE", "NEXT FIRE TIME", "LAST RUN");
        for (JobDefinition job : jobs) {
            Schedule s = job.schedule();
            String schedule = s == null ? "on demand" : s.cron() + " " + s.timeZone();
            out.printf("%-30s %-12s %-34s %-28s %s%n", job.name(), job.type().yamlName(), schedule,
                    s == null ? "-" : nextFireTime(s), lastRun(job.name()));
        }
        return status;
    }

    static String nextFireTime(Schedule s) {
        return s.nextFireTimeAfter(Instant.now()).map(next -> next.toOffsetDateTime().toString()).orElse("never");
    }

    private String lastRun(String jobName) {
        return launcher.lastRun(jobName).orElse("never run");
    }
}
