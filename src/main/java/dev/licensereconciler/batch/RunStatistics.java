package dev.licensereconciler.batch;

import dev.licensereconciler.domain.Operation;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Headline figures of a run, kept in the job's execution context so the command line can
 * report them (and pick the exit status) after the steps have released the computed run.
 */
public record RunStatistics(int users, int assigned, int unassigned, int updated, int refused, int inputErrors,
                            int shortfall, int mailsFailed, String runFolder) {

    private static final String PREFIX = "lr.";

    public boolean hasProblems() {
        return refused > 0 || inputErrors > 0 || mailsFailed > 0;
    }

    public static RunStatistics of(ComputedRun run) {
        return new RunStatistics(run.users(),
                run.count(Operation.ASSIGN), run.count(Operation.UNASSIGN), run.count(Operation.UPDATE_SERVICES),
                run.result().refusals().size(), run.inputProblems().size(), run.totalShortfall(), 0, "");
    }

    public RunStatistics withMailsFailed(int failed) {
        return new RunStatistics(users, assigned, unassigned, updated, refused, inputErrors, shortfall, failed, runFolder);
    }

    public RunStatistics withRunFolder(String folder) {
        return new RunStatistics(users, assigned, unassigned, updated, refused, inputErrors, shortfall, mailsFailed, folder);
    }

    public void putInto(ExecutionContext ctx) {
        ctx.putInt(PREFIX + "users", users);
        ctx.putInt(PREFIX + "assigned", assigned);
        ctx.putInt(PREFIX + "unassigned", unassigned);
        ctx.putInt(PREFIX + "updated", updated);
        ctx.putInt(PREFIX + "refused", refused);
        ctx.putInt(PREFIX + "inputErrors", inputErrors);
        ctx.putInt(PREFIX + "shortfall", shortfall);
        ctx.putInt(PREFIX + "mailsFailed", mailsFailed);
        ctx.putString(PREFIX + "runFolder", runFolder);
    }

    public static RunStatistics from(ExecutionContext ctx) {
        if (!ctx.containsKey(PREFIX + "users")) {
            return null;
        }
        return new RunStatistics(ctx.getInt(PREFIX + "users"), ctx.getInt(PREFIX + "assigned"),
                ctx.getInt(PREFIX + "unassigned"), ctx.getInt(PREFIX + "updated"), ctx.getInt(PREFIX + "refused"),
                ctx.getInt(PREFIX + "inputErrors"), ctx.getInt(PREFIX + "shortfall"),
                ctx.getInt(PREFIX + "mailsFailed", 0), ctx.getString(PREFIX + "runFolder", ""));
    }
}
