package dev.licensereconciler.batch;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Closing the application ({@code serve} after SIGTERM or Ctrl+C, or any other close): before any
 * bean is destroyed this stops the runs under way at their next step boundary and waits for them,
 * so the database is closed only after. Its phase comes right after
 * the scheduler's standby (Quartz stops first, firing no new run), before everything else.
 */
final class GracefulStop implements SmartLifecycle {

    private final RunLauncher launcher;
    private final Duration timeout;
    private volatile boolean running;

    GracefulStop(RunLauncher launcher, Duration timeout) {
        this.launcher = launcher;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        // Also a restart: Spring's test context cache stops idle applications and starts them again.
        launcher.acceptRuns();
        running = true;
    }

    @Override
    public void stop() {
        launcher.stopAll(timeout);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
