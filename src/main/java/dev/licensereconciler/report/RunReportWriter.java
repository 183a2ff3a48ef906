package dev.licensereconciler.report;

import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every report file of a run into one folder: the four CSV files and summary.html.
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
        csv.writeAll(dir, result, inputProblems);
        html.write(dir.resolve(HtmlSummaryWriter.SUMMARY), run, result, inputProblems);
    }
}
