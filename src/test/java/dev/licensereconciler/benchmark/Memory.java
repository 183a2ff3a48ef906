package dev.licensereconciler.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import com.sun.management.OperatingSystemMXBean;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Heap, RSS and CPU time of this JVM, recorded with wall-clock times so that peaks can be asked
 * for any time window afterwards: the phases of a run are known only once it has ended (from
 * Spring Batch's step executions), so nothing has to be told when a phase starts. Heap: the used
 * heap just before each garbage collection (GC notifications; that is where the heap is fullest)
 * and a 10 ms sampler in between; that figure depends on how far the collector lets the heap grow,
 * so the largest heap left after a collection (the live set, what the run actually holds) is given
 * as well. RSS: the sampled VmRSS of /proc/self/status per window, and the kernel's high-water mark
 * (VmHWM) for the whole process.
 */
final class Memory {

    /** Peaks of one time window (or of the whole process). */
    record Peak(long heapBytes, long rssBytes, long liveBytes) {
    }

    private record Sample(long millis, long heapBytes, long rssBytes, long cpuNanos) {
    }

    private record Collection(long millis, long beforeBytes, long afterBytes) {
    }

    private static final Path STATUS = Path.of("/proc/self/status");

    private final List<Sample> samples = new ArrayList<>();
    private final List<Collection> collections = new ArrayList<>();
    private final Set<String> heapPools;
    private final List<Runnable> undo = new ArrayList<>();
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private volatile boolean running = true;

    private Memory() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    }

    static Memory start() {
        Memory m = new Memory();
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                m.collected(new Collection(m.jvmStartMillis + gc.getStartTime(), m.heap(gc.getMemoryUsageBeforeGc()),
                        m.heap(gc.getMemoryUsageAfterGc())));
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                m.undo.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (Exception ignored) {
                        // shutting down
                    }
                });
            }
        }
        Thread sampler = new Thread(() -> {
            while (m.running) {
                m.sample();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "benchmark-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return m;
    }

    private long heap(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (var e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }

    private synchronized void collected(Collection c) {
        collections.add(c);
    }

    /** Records the current heap, RSS and CPU time; also called at the edges of a measured window. */
    synchronized void sample() {
        samples.add(new Sample(System.currentTimeMillis(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                status("VmRSS:"), processCpu()));
    }

    /** Peaks between two wall-clock times (epoch milliseconds, both included). */
    synchronized Peak peak(long fromMillis, long toMillis) {
        long heap = 0;
        long rss = 0;
        long live = 0;
        for (Sample s : samples) {
            if (s.millis() >= fromMillis && s.millis() <= toMillis) {
                heap = Math.max(heap, s.heapBytes());
                rss = Math.max(rss, s.rssBytes());
            }
        }
        if (heap == 0) { // a window shorter than the sampling interval: the last sample before its end
            Sample s = at(toMillis);
            heap = s.heapBytes();
            rss = s.rssBytes();
        }
        for (Collection c : collections) {
            if (c.millis() >= fromMillis && c.millis() <= toMillis) {
                heap = Math.max(heap, c.beforeBytes());
                live = Math.max(live, c.afterBytes());
            }
        }
        return new Peak(heap, rss, live);
    }

    /** CPU time of the process (all threads) between two wall-clock times, to the sampling interval. */
    synchronized long cpuNanos(long fromMillis, long toMillis) {
        return at(toMillis).cpuNanos() - at(fromMillis).cpuNanos();
    }

    /** Peaks since the monitor started; RSS: the kernel's high-water mark of the process. */
    Peak total() {
        sample();
        Peak all = peak(Long.MIN_VALUE, Long.MAX_VALUE);
        return new Peak(all.heapBytes(), Math.max(all.rssBytes(), status("VmHWM:")), all.liveBytes());
    }

    void stop() {
        running = false;
        undo.forEach(Runnable::run);
    }

    /** The last sample taken at or before the time (the first one when there is none). */
    private Sample at(long millis) {
        Sample last = samples.get(0);
        for (Sample s : samples) {
            if (s.millis() > millis) {
                break;
            }
            last = s;
        }
        return last;
    }

    /** CPU time of the whole process (all threads: GC and H2's writer included), in nanoseconds. */
    static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no RSS figure
        }
        return 0;
    }
}
