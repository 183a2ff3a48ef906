package dev.licensereconciler.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;

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
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Peak heap and peak RSS of this JVM, per phase and overall. Heap: the used heap just before each
 * garbage collection (GC notifications; that is where the heap is fullest) and a 10 ms sampler in
 * between; that figure depends on how far the collector lets the heap grow, so the largest heap
 * left after a collection (the live set, what the run actually holds) is given as well. RSS: the kernel's high-water mark (VmHWM in /proc/self/status), reset at the start of a
 * phase through /proc/self/clear_refs where the kernel allows it, with the sampled VmRSS as a floor.
 */
final class Memory {

    /** Peaks of one phase (or of the whole process). */
    record Peak(long heapBytes, long rssBytes, long liveBytes) {
    }

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final AtomicLong phaseHeap = new AtomicLong();
    private final AtomicLong phaseRss = new AtomicLong();
    private final AtomicLong totalHeap = new AtomicLong();
    private final AtomicLong totalRss = new AtomicLong();
    /** Heap still used right after a collection: what the run really needs (0 when no GC ran). */
    private final AtomicLong phaseLive = new AtomicLong();
    private final AtomicLong totalLive = new AtomicLong();
    private final Set<String> heapPools;
    private final List<Runnable> undo = new ArrayList<>();
    private volatile boolean running = true;
    private boolean hwmResettable;

    private Memory() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    }

    static Memory start() {
        Memory m = new Memory();
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long before = 0;
                for (var e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                    if (m.heapPools.contains(e.getKey())) {
                        before += e.getValue().getUsed();
                    }
                }
                long after = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (m.heapPools.contains(e.getKey())) {
                        after += e.getValue().getUsed();
                    }
                }
                m.heap(before);
                m.phaseLive.accumulateAndGet(after, Math::max);
                m.totalLive.accumulateAndGet(after, Math::max);
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

    private void heap(long used) {
        phaseHeap.accumulateAndGet(used, Math::max);
        totalHeap.accumulateAndGet(used, Math::max);
    }

    private void rss(long bytes) {
        phaseRss.accumulateAndGet(bytes, Math::max);
        totalRss.accumulateAndGet(bytes, Math::max);
    }

    private void sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        heap(heap.getUsed());
        rss(status("VmRSS:"));
    }

    /** Starts a phase: its peaks begin at the current usage. */
    void phaseStarted() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            hwmResettable = true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            hwmResettable = false;
        }
        phaseHeap.set(0);
        phaseRss.set(0);
        phaseLive.set(0);
        sample();
    }

    /** Ends a phase and returns its peaks. */
    Peak phaseEnded() {
        sample();
        if (hwmResettable) {
            rss(status("VmHWM:"));
        }
        return new Peak(phaseHeap.get(), phaseRss.get(), phaseLive.get());
    }

    /** Peaks since the monitor started (RSS: also the kernel's high-water mark when it was never reset). */
    Peak total() {
        sample();
        if (!hwmResettable) {
            rss(status("VmHWM:"));
        }
        return new Peak(totalHeap.get(), totalRss.get(), totalLive.get());
    }

    void stop() {
        running = false;
        undo.forEach(Runnable::run);
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
