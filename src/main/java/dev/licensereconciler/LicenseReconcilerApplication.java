package dev.licensereconciler;

import dev.licensereconciler.batch.EmbeddedDatabaseGate;
import dev.licensereconciler.cli.ApplicationStarter;
import dev.licensereconciler.cli.GracefulTermination;
import dev.licensereconciler.cli.LicenseReconcilerCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Entry point of the command line (§8, {@link LicenseReconcilerCommand}). One-shot commands end
 * with {@code System.exit} of the status that {@link SpringApplication#exit} gave: Quartz's
 * threads would otherwise keep the JVM alive.
 */
@SpringBootApplication
public class LicenseReconcilerApplication {

    public static void main(String[] args) {
        GracefulTermination.enable();
        EmbeddedDatabaseGate.holdUntilExit();
        System.exit(execute(args));
    }

    /** Runs one command and returns its exit status; tests call this directly. serve returns when stopped. */
    public static int execute(String... args) {
        return LicenseReconcilerCommand.execute(LicenseReconcilerApplication::start, args);
    }

    /** Starts the application; a failure carries the settings it was started with (for a message naming them). */
    private static ConfigurableApplicationContext start(String[] springArgs) {
        SpringApplication application = new SpringApplication(LicenseReconcilerApplication.class);
        AtomicReference<ConfigurableEnvironment> environment = new AtomicReference<>();
        application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) e -> environment.set(e.getEnvironment()));
        try {
            return application.run(springArgs);
        } catch (RuntimeException e) {
            throw new ApplicationStarter.StartFailure(e, environment.get());
        }
    }
}
