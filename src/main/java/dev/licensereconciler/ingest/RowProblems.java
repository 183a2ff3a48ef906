package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;

import java.util.List;

/** Collects the bad rows of one file into the caller's list, tagged with the file's name. */
final class RowProblems {

    private final String file;
    private final List<Problem> sink;

    RowProblems(String file, List<Problem> sink) {
        this.file = file;
        this.sink = sink;
    }

    String file() {
        return file;
    }

    /** A row problem whose user and sku did not resolve (or are not references at all). */
    void report(int line, ErrorCode code, String message, String fix) {
        sink.add(Problem.inFile(file, line, code, message, fix));
    }

    /** A row problem naming the references that did resolve (null for those that did not). */
    void report(int line, String user, String sku, ErrorCode code, String message, String fix) {
        sink.add(new Problem(file, line, user, sku, code, message, fix));
    }

    void missingValue(int line, Column column) {
        missingValue(line, null, column);
    }

    void missingValue(int line, String user, Column column) {
        report(line, user, null, ErrorCode.INVALID_ROW, "the row has no value in column '" + column.name() + "'.",
                "Fill in column '" + column.name() + "' or delete the row.");
    }
}
