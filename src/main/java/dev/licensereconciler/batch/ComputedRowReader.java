package dev.licensereconciler.batch;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.List;
import java.util.function.Function;

/**
 * Reads one list of a computed run (results, actions, errors, shortfalls) as numbered rows. It
 * saves its position at each commit, so a resumed step continues after the last stored row.
 * One instance per step execution: it holds the position of that execution.
 */
public final class ComputedRowReader<T> implements ItemStreamReader<ComputedRowReader.Numbered<T>>, StepExecutionListener {

    /** A row and its position in its list, which is also its key in the run's table. */
    public record Numbered<T>(int seq, T row) {
    }

    private final RunContext runContext;
    private final Function<ComputedRun, List<T>> rows;
    private final String positionKey;
    private StepExecution stepExecution;
    private List<T> list;
    private int next;

    ComputedRowReader(RunContext runContext, String name, Function<ComputedRun, List<T>> rows) {
        this.runContext = runContext;
        this.rows = rows;
        this.positionKey = name + ".position";
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        list = rows.apply(runContext.computed(stepExecution.getJobExecution()));
        next = executionContext.getInt(positionKey, 0);
    }

    @Override
    public Numbered<T> read() {
        if (next >= list.size()) {
            return null;
        }
        int seq = next++;
        return new Numbered<>(seq + 1, list.get(seq));
    }

    @Override
    public void update(ExecutionContext executionContext) {
        executionContext.putInt(positionKey, next);
    }

    @Override
    public void close() {
        list = null;
    }

    /** Rows of this step's list (0 before the step opened it). */
    public int size() {
        List<T> l = list;
        return l == null ? 0 : l.size();
    }

    public String positionKey() {
        return positionKey;
    }
}
