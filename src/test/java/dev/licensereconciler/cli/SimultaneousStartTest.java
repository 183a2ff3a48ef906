package dev.licensereconciler.cli;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several {@code run} commands of one job started at the same instant, each its own JVM as an
 * operator's would be, on one data folder (fresh, so they also race to create the embedded
 * database, or already used): one runs, each other says in one line which run holds the job, in
 * which process, and exits 1; none fails on the database file or prints a stack trace.
 *
 * <p>The winner's first result row is held (HoldUntilReleasedTrigger) until the losers have
 * ended, so "at the same instant" stays true on a slow or busy machine. {@code
 * -Dsimultaneous.rounds=20} races 20 times per case (the figure); the suite races fewer.
 */
class SimultaneousStartTest {

    private static final int ROUNDS = Integer.getInteger("simultaneous.rounds", 2);
    private static final Pattern REFUSED = Pattern.compile(
            "(Run \\d{8}-\\d{6}-\\d{3}|A run) of race is running in process (\\d+) on host \\S+ since .+, or now with: run race --recover");

    @TempDir
    Path dir;

    @Test
    void twoRunsOnAFreshDataFolderRunOnceAndTheOtherSaysWhy() throws Exception {
        Path job = TenantFolders.exampleJob(dir, "race", "");
        for (int round = 1; round <= ROUNDS; round++) {
            Path data = dir.resolve("fresh-" + round);
            race(job, data, 2, round);
        }
    }

    @Test
    void twoRunsOnAUsedDataFolderRunOnceAndTheOtherSaysWhy() throws Exception {
        Path job = TenantFolders.exampleJob(dir, "race", "");
        Path data = dir.resolve("used");
        for (int round = 1; round <= ROUNDS; round++) {
            race(job, data, 2, round);
        }
    }

    @Test
    void sixRunsOnAFreshDataFolderRunOnceAndTheOthersSayWhy() throws Exception {
        Path job = TenantFolders.exampleJob(dir, "race", "");
        race(job, dir.resolve("six"), 6, 1);
    }

    /** Starts {@code n} runs at once, lets the winner go once the others ended, and checks each one's words. */
    private void race(Path job, Path data, int n, int round) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs-" + data.getFileName() + "-" + round));
        Path release = logs.resolve("release");
        int foldersBefore = runFolders();
        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            processes.add(child(job, data, release, logs.resolve("run-" + i + ".txt")));
        }
        List<Process> running = new ArrayList<>(processes);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (running.size() > 1 && System.nanoTime() < deadline) {
            running.removeIf(p -> !p.isAlive());
            Thread.sleep(100);
        }
        long losersDone = System.nanoTime();
        Files.createFile(release);
        for (Process p : processes) {
            assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("round %d: run ended", round).isTrue();
        }
        long end = System.nanoTime();

        List<Integer> statuses = processes.stream().map(Process::exitValue).toList();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outputs.add(Files.readString(logs.resolve("run-" + i + ".txt"), StandardCharsets.UTF_8));
        }
        String all = String.join("\n----\n", outputs);
        assertThat(all).as("round %d: no stack trace in any output", round)
                .doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Could not start");
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (statuses.get(i) != Commands.FAILED) {
                winners.add(i);
            }
        }
        assertThat(winners).as("round %d: exactly one run executes\n%s", round, all).hasSize(1);
        int winner = winners.get(0);
        assertThat(statuses.get(winner)).as("the example tenant has input errors to review").isEqualTo(Commands.PROBLEMS);
        assertThat(outputs.get(winner)).contains("race run ").contains("completed with problems to review");
        long winnerPid = processes.get(winner).pid();
        for (int i = 0; i < n; i++) {
            if (i == winner) {
                continue;
            }
            List<String> lines = outputs.get(i).lines().toList();
            assertThat(lines).as("round %d, run %d: one line", round, i).hasSize(1);
            assertThat(lines.get(0)).as("round %d, run %d", round, i).matches(REFUSED)
                    .contains("in process " + winnerPid + " ");
        }
        assertThat(runFolders()).as("round %d: one run folder more", round).isEqualTo(foldersBefore + 1);
        System.out.printf("simultaneous start: %d runs on %s data folder, round %d: losers refused after %.1f s, "
                        + "winner done after %.1f s%n", n, data.getFileName(), round, (losersDone - start) / 1e9,
                (end - start) / 1e9);
    }

    private Process child(Path job, Path data, Path release, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short-lived command line: start-up matters, peak speed does not.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-D" + HoldUntilReleasedTrigger.RELEASE + "=" + release,
                "-cp", System.getProperty("java.class.path"),
                LicenseReconcilerApplication.class.getName(),
                "run", job.toString(),
                "--license-reconciler.data-dir=" + data,
                "--spring.flyway.locations=classpath:db/migration/{vendor},classpath:db/simultaneous"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private int runFolders() {
        Path out = dir.resolve("out").resolve("race");
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> runs = Files.list(out)) {
            return (int) runs.filter(Files::isDirectory).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
