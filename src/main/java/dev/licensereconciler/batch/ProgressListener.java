package dev.licensereconciler.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Shows a long step's progress (phase, rows done, rate) at most every few seconds, so an admin
 * watching a million-user run sees it move without drowning in log lines.
 */
public final class ProgressListener<O> implements ChunkListener<Object, O>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger("license-reconciler.progress");
    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final String phase;
    private final java.util.function.IntSupplier total;
    private long started;
    private long lastReport;
    private long done;

    public ProgressListener(String phase, java.util.function.IntSupplier total) {
        this.phase = phase;
        this.total = total;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        started = System.nanoTime();
        lastReport = started;
        done = 0;
    }

    @Override
    public void afterChunk(Chunk<O> chunk) {
        done += chunk.size();
        long now = System.nanoTime();
        if (now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            double seconds = (now - started) / 1e9;
            log.info("{}: {} of {} rows ({} rows/s)", phase, done, total.getAsInt(), Math.round(done / seconds));
        }
    }
}
