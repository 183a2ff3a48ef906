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

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command and returns its exit status; tests call this directly. serve returns when stopped. */
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
            return serve(ctx, inv);
        }
        int status = ctx.getBean(Commands.class).execute(inv);
        return SpringApplication.exit(ctx, () -> status);
    }

    /**
     * Starts the scheduler and waits until the application is stopped (Ctrl+C, SIGTERM): Quartz's
     * threads alone do not keep the JVM alive, and the shutdown hook closes the context, which
     * lets Quartz finish cleanly.
     */
    private static int serve(ConfigurableApplicationContext ctx, Invocation inv) {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        ctx.addApplicationListener((org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent>)
                event -> stopped.countDown());
        boolean started = ctx.getBean(dev.licensereconciler.schedule.Scheduling.class)
                .serve(ctx.getBean(Commands.class).catalog(inv));
        if (!started) {
            return SpringApplication.exit(ctx, () -> Commands.FAILED);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Commands.CLEAN;
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
