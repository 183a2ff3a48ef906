package dev.licensereconciler.report;

import java.time.Instant;
import java.util.List;

/**
 * What an apply through Microsoft Graph did to a published run, for the apply section of its
 * summary.html ({@link HtmlSummaryWriter#writeApply}). The run's own figures are not recomputed:
 * an apply comes after the run, often after a new snapshot has replaced its inputs.
 *
 * @param outcome   one line: applied, all clean / applied with problems / stopped and why
 * @param complete  every request settled (false: the apply stopped and resumes when started again)
 * @param requests  assignLicense requests (changes Entra's group licensing carries out not counted)
 * @param open      requests not settled yet (a stopped apply)
 * @param actions   per product action of actions.csv, in its order
 * @param failures  the failed requests, at most {@link #MAX_FAILURES_SHOWN}; {@code moreFailures} counts the rest
 */
public record ApplySummary(String outcome, boolean complete, Instant started, Instant finished, int requests,
                           int applied, int failed, int byEntra, int open, List<Action> actions, List<Failure> failures,
                           int moreFailures) {

    /** A summary page stays readable; apply.csv has every row. */
    public static final int MAX_FAILURES_SHOWN = 50;

    public ApplySummary {
        actions = List.copyOf(actions);
        failures = List.copyOf(failures);
    }

    /** One product action of actions.csv: how many of its users' changes are applied, failed, left to Entra, open. */
    public record Action(int batch, String sku, String operation, int users, int applied, int failed, int byEntra,
                         int open) {
    }

    /** One failed request: the user, the actions it carried, and Graph's code and message. */
    public record Failure(String user, String actions, String code, String message) {
    }
}
