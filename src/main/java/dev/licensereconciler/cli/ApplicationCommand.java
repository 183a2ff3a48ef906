package dev.licensereconciler.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertyResolver;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

/**
 * A command that needs the application (database, batch, scheduler, mail). Spring starts only once
 * the command line has been understood, so a typo costs no database start-up and always ends with
 * exit status 2. A one-shot command ends with {@link SpringApplication#exit}: that closes the
 * context (and Quartz's threads, which would otherwise keep the JVM alive) and gives the status
 * that {@code main} hands to {@code System.exit}.
 */
abstract class ApplicationCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ApplicationCommand.class);

    @ParentCommand
    LicenseReconcilerCommand cli;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        validate();
        ConfigurableApplicationContext ctx;
        try {
            ctx = cli.startApplication(springDefaults());
        } catch (RuntimeException e) {
            PropertyResolver settings = e instanceof ApplicationStarter.StartFailure failure ? failure.environment() : null;
            Optional<String> database = DatabaseTrouble.describe(e, settings);
            if (database.isEmpty()) {
                // Not the database: the cause in one line, and its stack trace in the log for whoever debugs it.
                log.error("Could not start", e);
            }
            spec.commandLine().getErr().println("Could not start: " + database.orElseGet(() -> LicenseReconcilerCommand.rootMessage(e)));
            return Commands.FAILED;
        }
        return execute(ctx);
    }

    /**
     * Spring properties this command needs unless the command line gives them (as
     * {@code --name=value}): serve's web server for health and metrics, which no other command starts.
     */
    List<String> springDefaults() {
        return List.of();
    }

    /** Checks what the options cannot say alone; throws {@link ParameterException} (exit status 2). */
    void validate() {
    }

    /** Carries out the command in the started application and returns the exit status. */
    abstract int execute(ConfigurableApplicationContext ctx);

    /** A one-shot command: carried out by a bean of the application, which is then closed. */
    static <T> int once(ConfigurableApplicationContext ctx, Class<T> bean, ToIntFunction<T> command) {
        int status;
        try {
            status = command.applyAsInt(ctx.getBean(bean));
        } catch (RuntimeException e) { // reported by the command line's handler; the application is closed all the same
            SpringApplication.exit(ctx, () -> Commands.FAILED);
            throw e;
        }
        return SpringApplication.exit(ctx, () -> status);
    }

    ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
