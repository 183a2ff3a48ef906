package dev.licensereconciler.benchmark;

import dev.licensereconciler.LicenseReconcilerApplication;

import java.lang.management.ManagementFactory;

/**
 * Child mode of the benchmark: runs the application's {@code run} command in this (fresh) JVM and
 * prints, per phase and in total, rows, wall time, CPU time, peak heap and peak RSS as
 * {@code BENCH-RESULT} lines that the orchestrating process turns into the table. The store steps
 * run in parallel, so they are measured as one group ("store": first start to last end) and each
 * step reports its own rows and wall time only.
 */
final class MonitoredRun {

    private MonitoredRun() {
    }

    static int run(String[] appArgs) {
        Memory memory = Memory.start();
        long start = System.nanoTime();
        long cpuStart = cpu();
        int status = LicenseReconcilerApplication.execute(appArgs);
        long nanos = System.nanoTime() - start;
        long cpuNanos = cpu() - cpuStart;
        long processMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Memory.Peak total = memory.total();
        memory.stop();
        // The per-phase hook of the batch layer is gone; until phases are read from the job repository's
        // step executions, "job" is the whole command (Spring start-up included).
        System.out.println(Benchmark.RESULT_PREFIX + "phase=job nanos=" + nanos + " heap="
                + total.heapBytes() + " rss=" + total.rssBytes() + " live=" + total.liveBytes() + " cpu=" + cpuNanos);
        System.out.println(Benchmark.RESULT_PREFIX + "phase=process nanos=" + processMillis * 1_000_000 + " heap="
                + total.heapBytes() + " rss=" + total.rssBytes() + " live=" + total.liveBytes() + " cpu=" + cpu()
                + " status=" + status);
        return status == 3 ? 0 : status;
    }

    /** CPU time of the whole process (all threads: GC and H2's writer included), in nanoseconds. */
    static long cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
