package dev.licensereconciler.cli;

import dev.licensereconciler.job.JobCatalog;
import dev.licensereconciler.monitor.WatchedJobs;
import dev.licensereconciler.schedule.Scheduling;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "serve", description = {"Runs the scheduler: fires every job that has a cron, until stopped (Ctrl+C, SIGTERM).",
    "Several instances on one MySQL database share the work: each run fires once."})
final class ServeCommand extends ApplicationCommand {

    @Mixin
    JobsFolderOption jobs;

    /** Health and metrics over HTTP (server.port, on localhost by default): serve only, see application.yml. */
    @Override
    List<String> springDefaults() {
        return List.of("--spring.main.web-application-type=servlet");
    }

    /**
     * Starts the scheduler and waits until the application is stopped: Quartz's threads alone do
     * not keep the JVM alive. SIGTERM wakes it ({@link GracefulTermination}) and it closes the context
     * itself, so that {@code main} calls {@code System.exit} only once that is done: Quartz fires no
     * new run, the runs under way stop at their next step boundary, then the database closes.
     */
    @Override
    int execute(ConfigurableApplicationContext ctx) {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean signalled = new AtomicBoolean();
        GracefulTermination.onSignal(() -> {
            signalled.set(true);
            stopped.countDown();
        });
        ctx.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> stopped.countDown());
        JobCatalog catalog = ctx.getBean(Commands.class).catalog(jobs.jobsDir);
        boolean started = ctx.getBean(Scheduling.class).serve(catalog);
        if (!started) {
            return SpringApplication.exit(ctx, () -> Commands.FAILED);
        }
        ctx.getBean(WatchedJobs.class).watch(catalog.scan().jobs());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Closed by whoever closed it (a test), or here after a signal.
        return signalled.get() ? SpringApplication.exit(ctx, () -> Commands.CLEAN) : Commands.CLEAN;
    }
}
