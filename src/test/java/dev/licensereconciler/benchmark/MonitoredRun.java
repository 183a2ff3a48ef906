package dev.licensereconciler.benchmark;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.cli.LicenseReconcilerCommand;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Child mode of the benchmark: runs the application's {@code run} command in this (fresh) JVM
 * while {@link Memory} records heap, RSS and CPU time, then reads the run's phases from the job
 * repository ({@link RunPhases}) and prints, per phase and in total, rows, wall time, CPU time,
 * peak heap and peak RSS as {@code BENCH-RESULT} lines that the orchestrating process turns into
 * the table, and what the database holds after the run ({@link DatabaseFigures}, a {@code BENCH-DB} line).
 * The store steps run in parallel, so they are measured as one group ("store": first
 * start to last end) and each step reports its own rows and wall time only.
 */
final class MonitoredRun {

    private MonitoredRun() {
    }

    /** {@code jobName} followed by the application's command line. */
    static int run(String jobName, String[] appArgs) {
        Memory memory = Memory.start();
        int status = LicenseReconcilerApplication.execute(appArgs);
        long processMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        long processCpu = Memory.processCpu();
        Memory.Peak total = memory.total();
        memory.stop();
        if (status != 0 && status != 3) {
            return status;
        }
        List<String> springArgs = Arrays.stream(appArgs).filter(LicenseReconcilerCommand::isSpringProperty).toList();
        RunPhases.AfterRun after = RunPhases.afterLastRun(jobName, springArgs);
        RunPhases.Phases run = after.phases();
        List<RunPhases.Window> store = new ArrayList<>();
        for (RunPhases.Window w : run.phases()) {
            if (w.name().startsWith("store-")) {
                store.add(w);
                System.out.println(Benchmark.RESULT_PREFIX + "phase=" + w.name() + " rows=" + w.rows() + " nanos=" + w.nanos());
            } else {
                print(memory, w);
            }
        }
        if (!store.isEmpty()) {
            print(memory, new RunPhases.Window("store", store.stream().mapToLong(RunPhases.Window::rows).sum(),
                    store.stream().mapToLong(RunPhases.Window::startMillis).min().orElseThrow(),
                    store.stream().mapToLong(RunPhases.Window::endMillis).max().orElseThrow()));
        }
        RunPhases.Window job = run.job();
        System.out.println(Benchmark.RESULT_PREFIX + "phase=job nanos=" + job.nanos() + " heap=" + total.heapBytes()
                + " rss=" + total.rssBytes() + " live=" + total.liveBytes() + " cpu="
                + memory.cpuNanos(job.startMillis(), job.endMillis()));
        System.out.println(Benchmark.RESULT_PREFIX + "phase=process nanos=" + processMillis * 1_000_000 + " heap="
                + total.heapBytes() + " rss=" + total.rssBytes() + " live=" + total.liveBytes() + " cpu=" + processCpu
                + " status=" + status);
        System.out.println(after.database().toLine());
        return 0;
    }

    private static void print(Memory memory, RunPhases.Window w) {
        Memory.Peak peak = memory.peak(w.startMillis(), w.endMillis());
        System.out.println(Benchmark.RESULT_PREFIX + "phase=" + w.name() + " rows=" + w.rows() + " nanos=" + w.nanos()
                + " heap=" + peak.heapBytes() + " rss=" + peak.rssBytes() + " live=" + peak.liveBytes()
                + " cpu=" + memory.cpuNanos(w.startMillis(), w.endMillis()));
    }
}
