package dev.licensereconciler.report;

import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Savings;
import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.domain.SurplusSeats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code actions.csv}, {@code results.csv}, {@code errors.csv} and {@code shortfall.csv}
 * (§5) in the layouts of {@link ReportRows}. Plain Java: every method streams rows to a file or
 * stream as it goes.
 */
public final class CsvReportWriter {

    /**
     * Writes all four files into {@code dir} (which must exist).
     *
     * @param inputProblems bad input rows found while reading the snapshot; refusals come from the result
     */
    public void writeAll(Path dir, ReconciliationResult result, List<Problem> inputProblems) throws IOException {
        write(dir, ReportRows.ACTIONS, ReportRows.actionRows(result.actions()));
        write(dir, ReportRows.RESULTS, result.results());
        writeErrors(dir, inputProblems, result.refusals());
        write(dir, ReportRows.SHORTFALL, result.shortfalls());
    }

    /** Writes surplus.csv, recommendations.csv and costs.csv into {@code dir}. */
    public void writeSavings(Path dir, Savings savings) throws IOException {
        write(dir, ReportRows.SURPLUS, savings.surplus());
        write(dir, ReportRows.RECOMMENDATIONS, savings.recommendations());
        write(dir, ReportRows.COSTS, savings.costs());
    }

    /** Writes the layout's file into {@code dir}. */
    public <T> Path write(Path dir, ReportLayout<T> layout, Iterable<T> rows) throws IOException {
        Path file = dir.resolve(layout.fileName());
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, layout, rows);
        }
        return file;
    }

    /** Writes the header and the rows; the stream is flushed, not closed. */
    public <T> void write(OutputStream out, ReportLayout<T> layout, Iterable<T> rows) throws IOException {
        CsvRowWriter csv = CsvRowWriter.open(out).row(layout.headers());
        for (T row : rows) {
            csv.row(layout.cells(row));
        }
        csv.flush();
    }

    /** Writes errors.csv into {@code dir}, in the order of {@link ReportRows#errorsInOrder}. */
    public Path writeErrors(Path dir, List<Problem> inputProblems, List<Problem> refusals) throws IOException {
        return write(dir, ReportRows.ERRORS, ReportRows.errorsInOrder(inputProblems, refusals));
    }

    /** The shortfall file as bytes, e.g. for a mail attachment of a few products. */
    public byte[] shortfallBytes(Iterable<Shortfall> shortfalls) {
        return bytes(ReportRows.SHORTFALL, shortfalls);
    }

    /** The surplus file as bytes, e.g. for a mail attachment of a purchaser's subscriptions. */
    public byte[] surplusBytes(Iterable<SurplusSeats> surplus) {
        return bytes(ReportRows.SURPLUS, surplus);
    }

    private <T> byte[] bytes(ReportLayout<T> layout, Iterable<T> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(bytes, layout, rows);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
