package dev.licensereconciler.cli;

import dev.licensereconciler.batch.RunLauncher;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "run", sortOptions = false, sortSynopsis = false,
        description = {"Runs a job once: reads the tenant's exports, works out who should hold which license, "
                + "stores the run, publishes the reports and mails the purchasers.",
            "Resumes the job's last run when that one failed on the same inputs."},
        footer = {"", LicenseReconcilerCommand.EXIT_STATUS})
final class RunCommand extends ApplicationCommand {

    @Parameters(arity = "0..1", paramLabel = "<job name | path to a job .yml>",
            description = "A job of the jobs folder, by name, or the path to a job file.")
    String job;

    @Option(names = "--input", paramLabel = "DIR", description = "The tenant's exports, instead of the job's input folder.")
    Path input;

    @Option(names = "--output", paramLabel = "DIR", description = "Where the run folder goes, instead of the job's output.")
    Path output;

    @Option(names = "--requests", paramLabel = "FILE",
            description = "The requests file of a bulk-import job (any file; default: the job's).")
    Path requests;

    @Option(names = "--max-unassign", paramLabel = "N", converter = WholeNumber.Count.class,
            description = "Allows this run N unassignments (the accidental-removal guard; default: the job's maxUnassign).")
    Integer maxUnassign;

    @Option(names = "--recover", description = "Takes the job's run over from a process you know is gone, without "
            + "waiting for its lease to lapse (a run whose process died is taken over by a plain run once it has).")
    boolean recover;

    @Option(names = "--new", description = "Starts a new run instead of resuming the last one.")
    boolean forceNew;

    @Mixin
    JobsFolderOption jobs;

    @Override
    void validate() {
        if (job == null) {
            throw usageError("run needs a job name or the path to a job file.");
        }
        if (recover && forceNew) {
            throw usageError("--recover resumes the last run and --new starts another: choose one.");
        }
    }

    RunRequest request() {
        return new RunRequest(job, jobs.jobsDir, input, output, requests, maxUnassign, recover, forceNew);
    }

    @Override
    int execute(ConfigurableApplicationContext ctx) {
        RunLauncher launcher = ctx.getBean(RunLauncher.class);
        GracefulTermination.onSignal(launcher::stopAllSoon);
        return once(ctx, Commands.class, commands -> commands.run(request()));
    }
}
