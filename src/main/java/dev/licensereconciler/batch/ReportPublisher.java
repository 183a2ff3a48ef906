package dev.licensereconciler.batch;

import dev.licensereconciler.report.RunFolderPublisher;
import dev.licensereconciler.report.RunHistory;
import dev.licensereconciler.report.RunInfo;
import dev.licensereconciler.report.RunReportWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Publishes a run's CSV reports and HTML summary as one folder, whole or not at all; idempotent per
 * run. The summary's history of the job's runs is read from the database here, after the store
 * steps, so the report package stays free of JDBC.
 */
public final class ReportPublisher {

    private final RunReportWriter reports = new RunReportWriter();
    private final RunHistoryReader history;

    /** @param history where the summary's history of the job's runs comes from */
    public ReportPublisher(RunHistoryReader history) {
        this.history = history;
    }

    /**
     * @param started when the run's execution started: the summary shows it, and the time from it
     *                to now as the run's duration
     * @return the published run folder
     */
    public Path publish(ComputedRun run, RunParameters p, Instant started) {
        RunFolderPublisher folders = new RunFolderPublisher(p.output());
        RunInfo info = new RunInfo(p.jobName(), p.runId(), started, Instant.now());
        // A bulk import reviews no savings, so it has no history of them either.
        List<RunHistory> runs = run.savings() == null ? List.of() : history.lastRuns(p.jobName(), p.runId());
        try {
            return folders.publish(p.jobName(), p.runId(),
                    dir -> reports.write(dir, info, run.result(), run.inputProblems(), run.savings(), runs));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not publish the reports of run " + p.runId() + " in " + p.output()
                    + ": " + e.getMessage() + ". Check that the output folder is writable and has space.", e);
        }
    }
}
