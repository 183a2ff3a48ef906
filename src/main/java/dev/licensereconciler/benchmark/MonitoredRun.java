package dev.licensereconciler.benchmark;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.batch.PhaseEvents;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Child mode of the benchmark: runs the application's {@code run} command in this (fresh) JVM and
 * prints, per phase and in total, rows, wall time, peak heap and peak RSS as {@code BENCH-RESULT}
 * lines that the orchestrating process turns into the table.
 */
final class MonitoredRun {

    private MonitoredRun() {
    }

    static int run(String[] appArgs) {
        Memory memory = Memory.start();
        List<String> lines = new ArrayList<>();
        long[] jobStart = {0};
        long[] jobEnd = {0};
        long[] cpuStart = {0};
        long[] jobCpuStart = {0};
        long[] jobCpuEnd = {0};
        PhaseEvents.Listener listener = new PhaseEvents.Listener() {
            @Override
            public void started(String phase) {
                if (phase.equals("compute")) {
                    return; // wraps read and reconcile, which report themselves
                }
                if (jobStart[0] == 0) {
                    jobStart[0] = System.nanoTime();
                    jobCpuStart[0] = cpu();
                }
                cpuStart[0] = cpu();
                memory.phaseStarted();
            }

            @Override
            public void finished(String phase, long rows, long nanos) {
                if (phase.equals("compute")) {
                    return;
                }
                Memory.Peak peak = memory.phaseEnded();
                jobEnd[0] = System.nanoTime();
                lines.add(Benchmark.RESULT_PREFIX + "phase=" + phase + " rows=" + rows + " nanos=" + nanos
                        + " heap=" + peak.heapBytes() + " rss=" + peak.rssBytes() + " live=" + peak.liveBytes() + " cpu=" + (cpu() - cpuStart[0]));
                jobCpuEnd[0] = cpu();
            }
        };
        PhaseEvents.addListener(listener);
        int status = LicenseReconcilerApplication.execute(appArgs);
        PhaseEvents.removeListener(listener);
        long now = System.currentTimeMillis();
        long processMillis = now - ManagementFactory.getRuntimeMXBean().getStartTime();
        Memory.Peak total = memory.total();
        memory.stop();
        lines.forEach(System.out::println);
        System.out.println(Benchmark.RESULT_PREFIX + "phase=job nanos=" + (jobEnd[0] - jobStart[0]) + " heap="
                + total.heapBytes() + " rss=" + total.rssBytes() + " live=" + total.liveBytes() + " cpu=" + (jobCpuEnd[0] - jobCpuStart[0]));
        System.out.println(Benchmark.RESULT_PREFIX + "phase=process nanos=" + processMillis * 1_000_000 + " heap="
                + total.heapBytes() + " rss=" + total.rssBytes() + " live=" + total.liveBytes() + " cpu=" + cpu() + " status=" + status);
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
