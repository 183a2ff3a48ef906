package dev.licensereconciler.cli;

import dev.licensereconciler.LicenseReconcilerProperties;
import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.graph.GraphApply;
import dev.licensereconciler.graph.GraphSnapshot;
import dev.licensereconciler.job.JobFileLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CommandsConfiguration {

    @Bean
    Commands commands(RunLauncher launcher, GraphApply graphApply, JobFileLoader loader,
                      LicenseReconcilerProperties properties) {
        return new Commands(launcher, graphApply, loader, properties.jobsDir(), System.out, System.err);
    }

    @Bean
    GraphCommands graphCommands(Commands commands, GraphApply graphApply, GraphSnapshot graphSnapshot) {
        return new GraphCommands(commands, graphApply, graphSnapshot, System.err);
    }
}
