package dev.licensereconciler;

import dev.licensereconciler.cli.GracefulTermination;
import dev.licensereconciler.cli.LicenseReconcilerCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of the command line (§8, {@link LicenseReconcilerCommand}). One-shot commands end
 * with {@code System.exit} of the status that {@link SpringApplication#exit} gave: Quartz's
 * threads would otherwise keep the JVM alive.
 */
@SpringBootApplication
public class LicenseReconcilerApplication {

    public static void main(String[] args) {
        GracefulTermination.enable();
        System.exit(execute(args));
    }

    /** Runs one command and returns its exit status; tests call this directly. serve returns when stopped. */
    public static int execute(String... args) {
        return LicenseReconcilerCommand.execute(
                springArgs -> new SpringApplication(LicenseReconcilerApplication.class).run(springArgs), args);
    }
}
