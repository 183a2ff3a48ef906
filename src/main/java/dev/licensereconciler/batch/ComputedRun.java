package dev.licensereconciler.batch;

import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Savings;
import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.report.ReportRows;
import dev.licensereconciler.report.ReportRows.ActionRow;

import java.util.List;
import java.util.function.Function;

/**
 * What a run decided, held in memory while its steps store and publish it. Because the engine is
 * deterministic (R10), a resumed run recomputes exactly this from the same files, which is what
 * lets the storing steps continue where they stopped.
 *
 * @param readMillis      time spent reading the exports and reference files
 * @param reconcileMillis time spent applying the rules
 * @param savings         surplus, overlaps and costs of a nightly run; null for a bulk import, which
 *                        changes a few users and leaves the review of the whole tenant to the nightly job
 */
public record ComputedRun(JobDefinition job, String runId, int users, List<Problem> inputProblems,
                          ReconciliationResult result, List<ActionRow> actionRows, List<Problem> errors,
                          long readMillis, long reconcileMillis, Savings savings) {

    public static ComputedRun of(JobDefinition job, String runId, int users, List<Problem> inputProblems,
                                 ReconciliationResult result, Savings savings, long readMillis, long reconcileMillis) {
        // The stored rows come in the order errors.csv shows them.
        List<Problem> errors = ReportRows.errorsInOrder(inputProblems, result.refusals());
        return new ComputedRun(job, runId, users, List.copyOf(inputProblems), result,
                ReportRows.actionRows(result.actions()), List.copyOf(errors), readMillis, reconcileMillis, savings);
    }

    /** Rows of one savings output; none for a bulk import. */
    public <T> List<T> savingsRows(Function<Savings, List<T>> rows) {
        return savings == null ? List.of() : rows.apply(savings);
    }

    /** Users to whom the run applies the operation: one per row of actions.csv. */
    public int count(Operation operation) {
        return result.actions().stream().filter(a -> a.operation() == operation)
                .mapToInt(a -> a.users().size()).sum();
    }

    public int totalShortfall() {
        return result.shortfalls().stream().mapToInt(Shortfall::shortfall).sum();
    }

    /** Rows of the outputs together. */
    public long rows() {
        long savingsRows = savings == null ? 0
                : (long) savings.surplus().size() + savings.recommendations().size() + savings.costs().size();
        return (long) actionRows.size() + result.results().size() + errors.size() + result.shortfalls().size()
                + savingsRows;
    }
}
