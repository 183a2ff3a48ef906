package dev.licensereconciler.cli;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and Ctrl+C (SIGINT) of {@code run} and {@code serve} end the command the way it ends by
 * itself, instead of starting the JVM's shutdown straight away. The JVM's shutdown hooks run all
 * at once: H2's own hook (which its AUTO_SERVER mode cannot do without: it refuses
 * DB_CLOSE_ON_EXIT=FALSE) closed the embedded database while Spring Boot's hook was still stopping
 * the run under it ("Database is already closed", the run left marked running). Nor may the signal
 * close the application from a thread of its own while the command's thread goes on: that thread
 * would report on, or hand to {@code System.exit}, an application being closed under it. So a
 * signal only asks: {@code run} asks its run to stop at the next chunk boundary (it ends STOPPED,
 * the command reports it and closes the application as always), {@code serve} wakes its thread,
 * which closes the application (Quartz fires no new run, the runs under way stop, then the
 * database closes); only then does {@code main} call {@code System.exit}. A second signal exits at
 * once (the next run takes the run over when its lease lapses).
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

    /** On the first SIGTERM or SIGINT, runs {@code stop} in a thread of its own (a signal handler must return at once). */
    static void onSignal(Runnable stop) {
        if (!enabled) {
            return;
        }
        AtomicBoolean signalled = new AtomicBoolean();
        for (String name : new String[]{"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> {
                if (!signalled.compareAndSet(false, true)) {
                    // The operator insists: no more waiting for the runs; the next run takes them over.
                    Runtime.getRuntime().halt(128 + s.getNumber());
                }
                new Thread(stop, "graceful-stop").start();
            });
        }
    }
}
