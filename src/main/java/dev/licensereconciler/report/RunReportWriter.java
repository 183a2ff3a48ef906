package dev.licensereconciler.report;

import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Savings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every report file of a run into one folder: the CSV files and summary.html.
 * Meant as the {@link RunFolderPublisher.RunContent} of a run:
 * {@code publisher.publish(job, runId, dir -> reports.write(dir, run, result, inputProblems))}.
 */
public final class RunReportWriter {

    private final CsvReportWriter csv;
    private final HtmlSummaryWriter html;

    public RunReportWriter(CsvReportWriter csv, HtmlSummaryWriter html) {
        this.csv = csv;
        this.html = html;
    }

    public RunReportWriter() {
        this(new CsvReportWriter(), new HtmlSummaryWriter());
    }

    public void write(Path dir, RunInfo run, ReconciliationResult result, List<Problem> inputProblems)
            throws IOException {
        write(dir, run, result, inputProblems, null, List.of());
    }

    /**
     * Also surplus.csv, recommendations.csv and costs.csv when the run has {@code savings} (a nightly
     * run), and the job's {@code history} (oldest first, this run last) in the summary.
     */
    public void write(Path dir, RunInfo run, ReconciliationResult result, List<Problem> inputProblems, Savings savings,
                      List<RunHistory> history) throws IOException {
        csv.writeAll(dir, result, inputProblems);
        if (savings != null) {
            csv.writeSavings(dir, savings);
        }
        html.write(dir.resolve(HtmlSummaryWriter.SUMMARY), run, result, inputProblems, savings, history);
    }
}
