package dev.licensereconciler.support;

import dev.licensereconciler.LicenseReconcilerApplication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The command line in a JVM of its own, as an operator starts it ({@code main}, so its signals are
 * the command's), on this test's class path; its output (standard output and error) is collected.
 * Killed with {@link #kill()} (SIGKILL) or stopped with {@link #terminate()} (SIGTERM).
 */
public final class CommandLineProcess {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private CommandLineProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "command-line-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param jvmOptions {@code -D…} options, e.g. where {@link PauseAt} holds the run
     * @param args       the command line; the data folder is added
     */
    public static CommandLineProcess start(Path dataDir, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                // A short-lived command: the quick compiler starts the application in about half the time.
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LicenseReconcilerApplication.class.getName()));
        cmd.addAll(List.of(args));
        cmd.add("--license-reconciler.data-dir=" + dataDir);
        try {
            return new CommandLineProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process was killed
        }
    }

    /** Waits until the output has a line containing {@code text}; fails with the output if the process ends first. */
    public void awaitLine(String text) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                .failFast("the command ended before printing '" + text + "':\n" + output(), () -> !process.isAlive()
                        && !has(text) && !reader.isAlive())
                .until(() -> has(text));
    }

    public boolean has(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    /** kill -9: no shutdown hook, no finally block, nothing. */
    public void kill() {
        // Through the handle, not Process.destroyForcibly(), which also closes our end of its output.
        process.toHandle().destroyForcibly();
        awaitExit();
    }

    /** SIGTERM, as a service manager or Ctrl+C sends it. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to end (and its output to be read); returns its exit status. */
    public int awaitExit() {
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.toHandle().destroyForcibly();
                throw new AssertionError("the command did not end within 3 minutes:\n" + output());
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    public String output() {
        return String.join("\n", lines);
    }

    /** Ends the process if a failed test left it running. */
    public void destroy() {
        if (process.isAlive()) {
            process.toHandle().destroyForcibly();
        }
    }
}
