package dev.licensereconciler.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Start and end of each phase of a run (read, reconcile, each store step, publish, notify): logged
 * to {@code license-reconciler.progress} so a long run shows where it is, and handed to listeners
 * (the benchmark measures heap and RSS per phase with them). No listener: only the log line.
 */
public final class PhaseEvents {

    /** Told of phases as they start and end; called on the thread that runs the phase. */
    public interface Listener {
        void started(String phase);

        void finished(String phase, long rows, long nanos);
    }

    private static final Logger log = LoggerFactory.getLogger("license-reconciler.progress");
    private static final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private PhaseEvents() {
    }

    public static void addListener(Listener listener) {
        listeners.add(listener);
    }

    public static void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public static void started(String phase) {
        for (Listener l : listeners) {
            l.started(phase);
        }
    }

    public static void finished(String phase, long rows, long nanos) {
        long ms = nanos / 1_000_000;
        log.info("{} done: {} rows in {} ms ({} rows/s)", phase, rows, ms, ms == 0 ? rows : rows * 1000 / ms);
        for (Listener l : listeners) {
            l.finished(phase, rows, nanos);
        }
    }
}
