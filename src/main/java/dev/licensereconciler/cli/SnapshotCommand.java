package dev.licensereconciler.cli;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "snapshot", sortOptions = false,
        description = {"Reads the tenant from Microsoft Graph (users, their licenses with every assignment path, "
                + "the members of the job's rule groups, the subscriptions, the Microsoft 365 active users report "
                + "as activity.csv) and writes a tenant folder in the product's own formats, the job's input folder "
                + "unless --output names another.",
            "Needs license-reconciler.graph.tenant-id, client-id and client-secret (or certificate-path); the "
                + "report needs Reports.Read.All, sign-in dates AuditLog.Read.All (without them the snapshot "
                + "says so and goes on)."},
        footer = {"", "Exit status: 0 written, 1 the tenant could not be read (nothing written), 2 bad command line."})
final class SnapshotCommand extends ApplicationCommand {

    @Parameters(arity = "0..1", paramLabel = "<job name | path to a job .yml>",
            description = "The job whose rules name the groups to read, and whose input folder is written.")
    String job;

    @Option(names = "--output", paramLabel = "DIR", description = "Where the tenant folder goes, instead of the job's input.")
    Path output;

    @Mixin
    JobsFolderOption jobs;

    @Override
    void validate() {
        if (job == null) {
            throw usageError("snapshot needs a job name or the path to a job file.");
        }
    }

    @Override
    int execute(ConfigurableApplicationContext ctx) {
        return once(ctx, GraphCommands.class, graph -> graph.snapshot(job, jobs.jobsDir, output));
    }
}
