package dev.licensereconciler.cli;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "jobs", description = "Lists the jobs, their schedules, next fire times and last runs.")
final class JobsCommand extends ApplicationCommand {

    @Mixin
    JobsFolderOption jobs;

    @Override
    int execute(ConfigurableApplicationContext ctx) {
        return once(ctx, Commands.class, commands -> commands.jobs(jobs.jobsDir));
    }
}
