package dev.licensereconciler.benchmark;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.batch.PhaseEvents;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

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
        List<String> lines = new ArrayList<>();
        Listener listener = new Listener(memory, lines);
        PhaseEvents.addListener(listener);
        int status = LicenseReconcilerApplication.execute(appArgs);
        PhaseEvents.removeListener(listener);
        long processMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Memory.Peak total = memory.total();
        memory.stop();
        lines.forEach(System.out::println);
        System.out.println(Benchmark.RESULT_PREFIX + "phase=job nanos=" + (listener.jobEnd - listener.jobStart) + " heap="
                + total.heapBytes() + " rss=" + total.rssBytes() + " live=" + total.liveBytes() + " cpu="
                + (listener.jobCpuEnd - listener.jobCpuStart));
        System.out.println(Benchmark.RESULT_PREFIX + "phase=process nanos=" + processMillis * 1_000_000 + " heap="
                + total.heapBytes() + " rss=" + total.rssBytes() + " live=" + total.liveBytes() + " cpu=" + cpu()
                + " status=" + status);
        return status == 3 ? 0 : status;
    }

    private static final class Listener implements PhaseEvents.Listener {
        private final Memory memory;
        private final List<String> lines;
        private long jobStart;
        private long jobEnd;
        private long jobCpuStart;
        private long jobCpuEnd;
        private int active;
        private long groupStart;
        private long groupCpuStart;
        private long groupRows;

        Listener(Memory memory, List<String> lines) {
            this.memory = memory;
            this.lines = lines;
        }

        private static String group(String phase) {
            return phase.startsWith("store-") ? "store" : phase;
        }

        @Override
        public synchronized void started(String phase) {
            if (phase.equals("compute")) {
                return; // wraps read and reconcile, which report themselves
            }
            if (jobStart == 0) {
                jobStart = System.nanoTime();
                jobCpuStart = cpu();
            }
            if (active++ == 0) {
                groupStart = System.nanoTime();
                groupCpuStart = cpu();
                groupRows = 0;
                memory.phaseStarted();
            }
        }

        @Override
        public synchronized void finished(String phase, long rows, long nanos) {
            if (phase.equals("compute")) {
                return;
            }
            groupRows += rows;
            String group = group(phase);
            if (!group.equals(phase)) {
                lines.add(Benchmark.RESULT_PREFIX + "phase=" + phase + " rows=" + rows + " nanos=" + nanos);
            }
            if (--active == 0) {
                Memory.Peak peak = memory.phaseEnded();
                long now = System.nanoTime();
                jobEnd = now;
                jobCpuEnd = cpu();
                lines.add(Benchmark.RESULT_PREFIX + "phase=" + group + " rows=" + groupRows + " nanos=" + (now - groupStart)
                        + " heap=" + peak.heapBytes() + " rss=" + peak.rssBytes() + " live=" + peak.liveBytes()
                        + " cpu=" + (jobCpuEnd - groupCpuStart));
            }
        }
    }

    /** CPU time of the whole process (all threads: GC and H2's writer included), in nanoseconds. */
    static long cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
