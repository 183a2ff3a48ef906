package dev.licensereconciler.cli;

import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and Ctrl+C (SIGINT) of {@code run} and {@code serve} close the application instead of
 * starting the JVM's shutdown straight away. The JVM's shutdown hooks run all at once, and H2's
 * own hook (which its AUTO_SERVER mode cannot do without) would close the embedded database under
 * a run that is still stopping. Closing the application first stops the runs under way at their
 * next step boundary (they end STOPPED and the next run resumes them), then closes the database;
 * the command then ends as it does when a run stops. A second signal exits at once.
 *
 * <p>Signals belong to the whole JVM, so only the real command line ({@code main}) asks for this:
 * a test calling the commands in its own JVM keeps the JVM's usual handling.
 */
public final class GracefulTermination {

    private static volatile boolean enabled;

    private GracefulTermination() {
    }

    /** Called by {@code main}: this JVM is the command line, its signals are the command's. */
    public static void enable() {
        enabled = true;
    }

    static void closeOnSignal(ConfigurableApplicationContext ctx) {
        if (!enabled) {
            return;
        }
        AtomicBoolean closing = new AtomicBoolean();
        for (String name : new String[]{"TERM", "INT"}) {
            Signal signal = new Signal(name);
            Signal.handle(signal, s -> {
                if (!closing.compareAndSet(false, true)) {
                    // The operator insists: no more waiting for the runs; the next run takes them over.
                    Runtime.getRuntime().halt(128 + s.getNumber());
                }
                Thread closer = new Thread(ctx::close, "graceful-stop");
                closer.start();
            });
        }
    }
}
