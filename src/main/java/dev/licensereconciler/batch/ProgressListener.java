package dev.licensereconciler.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Shows where a run is: a long store step's progress (rows done, rate) at most every few seconds,
 * so an admin watching a million-user run sees it move without drowning in log lines, and one
 * line per finished step with its rows and time. Times come from the step execution's own start
 * and end, as the job repository records them.
 */
public final class ProgressListener<O> implements ChunkListener<Object, O>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger("license-reconciler.progress");
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final String phase;
    private final IntSupplier total;
    private final LongSupplier rows;
    private StepExecution step;
    private LocalDateTime lastReport;
    private long done;

    private ProgressListener(String phase, IntSupplier total, LongSupplier rows) {
        this.phase = phase;
        this.total = total;
        this.rows = rows;
    }

    /** A chunk-oriented step: its rows are the items it wrote, out of {@code total}. */
    public static <O> ProgressListener<O> chunks(String phase, IntSupplier total) {
        return new ProgressListener<>(phase, total, null);
    }

    /** A tasklet step, which reports {@code rows} (say, the rows it published) as its work. */
    public static ProgressListener<Object> tasklet(String phase, LongSupplier rows) {
        return new ProgressListener<>(phase, null, rows);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
        lastReport = LocalDateTime.now();
        done = 0;
    }

    @Override
    public void afterChunk(Chunk<O> chunk) {
        done += chunk.size();
        LocalDateTime now = LocalDateTime.now();
        if (Duration.between(lastReport, now).compareTo(INTERVAL) >= 0) {
            lastReport = now;
            long millis = Math.max(1, Duration.between(step.getStartTime(), now).toMillis());
            log.info("{}: {} of {} rows ({} rows/s)", phase, done, total.getAsInt(), done * 1000 / millis);
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        long n = rows != null ? rows.getAsLong() : stepExecution.getWriteCount();
        // The end time is set once the listeners are done; until then, now is the end.
        LocalDateTime end = stepExecution.getEndTime() != null ? stepExecution.getEndTime() : LocalDateTime.now();
        long ms = Duration.between(stepExecution.getStartTime(), end).toMillis();
        // A step stopped by SIGTERM or failed has written only part of its rows: say so, not "done".
        BatchStatus status = stepExecution.getStatus();
        String ended = status == BatchStatus.STOPPED || status == BatchStatus.FAILED
                ? status.name().toLowerCase(Locale.ROOT) + " after" : "done:";
        log.info("{} {} {} rows in {} ms ({} rows/s)", phase, ended, n, ms, ms == 0 ? n : n * 1000 / ms);
        return null;
    }
}
