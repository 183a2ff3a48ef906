package dev.licensereconciler.report;

import dev.licensereconciler.domain.LicenseResult;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ProductAction;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Shortfall;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code actions.csv}, {@code results.csv}, {@code errors.csv} and {@code shortfall.csv}
 * (§5). Plain Java: every method streams rows to a file or stream as it goes.
 */
public final class CsvReportWriter {

    public static final String ACTIONS = "actions.csv";
    public static final String RESULTS = "results.csv";
    public static final String ERRORS = "errors.csv";
    public static final String SHORTFALL = "shortfall.csv";

    /**
     * Writes all four files into {@code dir} (which must exist).
     *
     * @param inputProblems bad input rows found while reading the snapshot; refusals come from the result
     */
    public void writeAll(Path dir, ReconciliationResult result, List<Problem> inputProblems) throws IOException {
        writeActions(dir.resolve(ACTIONS), result.actions());
        writeResults(dir.resolve(RESULTS), result.results());
        writeErrors(dir.resolve(ERRORS), inputProblems, result.refusals());
        writeShortfall(dir.resolve(SHORTFALL), result.shortfalls());
    }

    public void writeActions(Path file, Iterable<ProductAction> actions) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeActions(out, actions);
        }
    }

    public void writeActions(OutputStream out, Iterable<ProductAction> actions) throws IOException {
        CsvRowWriter csv = CsvRowWriter.open(out).row(ReportRows.ACTIONS_HEADER);
        for (ProductAction action : actions) {
            ReportRows.action(action).forEach(csv::row);
        }
        csv.flush();
    }

    public void writeResults(Path file, Iterable<LicenseResult> results) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeResults(out, results);
        }
    }

    public void writeResults(OutputStream out, Iterable<LicenseResult> results) throws IOException {
        CsvRowWriter csv = CsvRowWriter.open(out).row(ReportRows.RESULTS_HEADER);
        for (LicenseResult result : results) {
            csv.row(ReportRows.result(result));
        }
        csv.flush();
    }

    public void writeErrors(Path file, List<Problem> inputProblems, List<Problem> refusals) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeErrors(out, inputProblems, refusals);
        }
    }

    /** In the order of {@link ReportRows#errorsInOrder}. */
    public void writeErrors(OutputStream out, List<Problem> inputProblems, List<Problem> refusals) throws IOException {
        CsvRowWriter csv = CsvRowWriter.open(out).row(ReportRows.ERRORS_HEADER);
        ReportRows.errorsInOrder(inputProblems, refusals).forEach(p -> csv.row(ReportRows.error(p)));
        csv.flush();
    }

    public void writeShortfall(Path file, Iterable<Shortfall> shortfalls) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeShortfall(out, shortfalls);
        }
    }

    public void writeShortfall(OutputStream out, Iterable<Shortfall> shortfalls) throws IOException {
        CsvRowWriter csv = CsvRowWriter.open(out).row(ReportRows.SHORTFALL_HEADER);
        for (Shortfall s : shortfalls) {
            csv.row(ReportRows.shortfall(s));
        }
        csv.flush();
    }

    /** The shortfall file as bytes, e.g. for a mail attachment of a few products. */
    public byte[] shortfallBytes(Iterable<Shortfall> shortfalls) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeShortfall(bytes, shortfalls);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
