package dev.licensereconciler;

import dev.licensereconciler.cli.Commands;
import dev.licensereconciler.cli.Invocation;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of the command line (§8). One-shot commands exit with their status explicitly:
 * Quartz's threads would otherwise keep the JVM alive.
 */
@SpringBootApplication
public class LicenseReconcilerApplication {

    /** Returned by {@link #execute} for serve: the scheduler keeps running, the JVM must not exit. */
    public static final int SERVING = -1;

    public static void main(String[] args) {
        int status = execute(args);
        if (status != SERVING) {
            System.exit(status);
        }
    }

    /** Runs one command and returns its exit status (or {@link #SERVING}); tests call this directly. */
    public static int execute(String... args) {
        Invocation inv;
        try {
            inv = Invocation.parse(args);
        } catch (Invocation.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(Invocation.USAGE);
            return Commands.USAGE;
        }
        switch (inv.command()) {
            case HELP -> {
                System.out.println(Invocation.USAGE);
                return Commands.CLEAN;
            }
            case GENERATE -> {
                return Generate.run(inv.toolArgs());
            }
            default -> {
            }
        }
        SpringApplication app = new SpringApplication(LicenseReconcilerApplication.class);
        ConfigurableApplicationContext ctx;
        try {
            ctx = app.run(inv.springArgs().toArray(String[]::new));
        } catch (RuntimeException e) {
            System.err.println("Could not start: " + rootMessage(e));
            return Commands.FAILED;
        }
        if (inv.command() == Invocation.Command.SERVE) {
            return ctx.getBean(dev.licensereconciler.schedule.Scheduling.class).serve(ctx.getBean(Commands.class).catalog(inv))
                    ? SERVING : SpringApplication.exit(ctx, () -> Commands.FAILED);
        }
        int status = ctx.getBean(Commands.class).execute(inv);
        return SpringApplication.exit(ctx, () -> status);
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** The generator is plain Java: no database, no Spring start-up. */
    static final class Generate {
        static int run(java.util.List<String> args) {
            try {
                Class<?> gen = Class.forName("dev.licensereconciler.generator.TenantGenerator");
                gen.getMethod("main", String[].class).invoke(null, (Object) args.toArray(String[]::new));
                return Commands.CLEAN;
            } catch (ReflectiveOperationException e) {
                System.err.println("generate failed: " + rootMessage(e));
                return Commands.FAILED;
            }
        }
    }
}
