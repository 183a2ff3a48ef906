package dev.licensereconciler.cli;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply", sortOptions = false,
        description = {"Carries out a published run's actions.csv in the tenant through Microsoft Graph: one "
                + "$batch of at most 20 assignLicense requests per product action, one request per user, removals "
                + "first, within Graph's write limits. Each user's outcome is recorded before the next batch, so "
                + "an apply that stopped resumes where it stopped and never sends a confirmed request twice.",
            "Refuses a run already applied, older than the job's maxPlanAge, or stopped by the unassign guard."},
        footer = {"", LicenseReconcilerCommand.EXIT_STATUS})
final class ApplyCommand extends ApplicationCommand {

    @Parameters(arity = "0..1", paramLabel = "<job name | path to a job .yml>", description = "The job whose run to apply.")
    String job;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "The run to apply (default: the job's last published run).")
    String runId;

    @Option(names = "--dry-run", description = "Prints and writes (apply-requests.txt) the requests it would send; "
            + "signs in to nothing and records nothing.")
    boolean dryRun;

    @Option(names = "--max-unassign", paramLabel = "N", converter = WholeNumber.Count.class,
            description = "Allows this apply N unassignments (the accidental-removal guard; default: the job's maxUnassign).")
    Integer maxUnassign;

    @Mixin
    JobsFolderOption jobs;

    @Override
    void validate() {
        if (job == null) {
            throw usageError("apply needs a job name or the path to a job file.");
        }
    }

    @Override
    int execute(ConfigurableApplicationContext ctx) {
        return once(ctx, GraphCommands.class, graph -> graph.apply(job, jobs.jobsDir, runId, dryRun, maxUnassign));
    }
}
