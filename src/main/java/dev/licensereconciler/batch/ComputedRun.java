package dev.licensereconciler.batch;

import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ProductAction;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.report.ReportRows;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * What a run decided, held in memory while its steps store and publish it. Because the engine is
 * deterministic (R10), a resumed run recomputes exactly this from the same files, which is what
 * lets the storing steps continue where they stopped.
 */
public record ComputedRun(JobDefinition job, String runId, int users, List<Problem> inputProblems,
                          ReconciliationResult result, List<ActionRow> actionRows, List<Problem> errors) {

    /** One row of actions.csv: a product action spelled out per user. */
    public record ActionRow(int batch, String sku, Operation operation, SortedSet<String> disabledPlans, String user) {
    }

    public static ComputedRun of(JobDefinition job, String runId, int users, List<Problem> inputProblems,
                                 ReconciliationResult result) {
        List<ActionRow> rows = new ArrayList<>();
        for (ProductAction a : result.actions()) {
            for (String u : a.users()) {
                rows.add(new ActionRow(a.batch(), a.sku(), a.operation(), a.disabledPlans(), u));
            }
        }
        // The stored rows come in the order errors.csv shows them.
        List<Problem> errors = ReportRows.errorsInOrder(inputProblems, result.refusals());
        return new ComputedRun(job, runId, users, List.copyOf(inputProblems), result, List.copyOf(rows),
                List.copyOf(errors));
    }

    /** Whether the run has anything an admin must look at (exit status 3 rather than 0). */
    public boolean hasProblems() {
        return !errors.isEmpty();
    }

    public long count(Operation operation) {
        return actionRows.stream().filter(r -> r.operation() == operation).count();
    }

    public int totalShortfall() {
        return result.shortfalls().stream().mapToInt(s -> s.shortfall()).sum();
    }
}
