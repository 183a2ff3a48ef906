package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;

import java.util.List;
import java.util.Locale;

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

    /**
     * A value longer than its limit: the row is skipped, and the message names the column, the
     * value's length and start, and the limit with its reason.
     */
    void tooLong(int line, String user, String sku, Column column, String value, InputLimit limit) {
        report(line, user, sku, ErrorCode.INVALID_ROW, "the value in column '" + column.name() + "' is "
                + String.format(Locale.ROOT, "%,d", value.length()) + " characters long, more than the limit of "
                + limit.describe() + " (" + limit.why() + "): " + Values.quote(value) + ".",
                "Shorten it to at most " + limit.describe() + ", or delete the row; the row is skipped until then.");
    }

    /** True (after reporting the row) when the value is longer than the limit. */
    boolean tooLong(CsvRecord r, String user, String sku, Column column, String value, InputLimit limit) {
        if (value.length() <= limit.max()) {
            return false;
        }
        tooLong(r.line(), user, sku, column, value, limit);
        return true;
    }

    /** Adds to the message of the problem reported last: what a reader knows beyond the shared wording. */
    void amendLast(String addition) {
        Problem last = sink.get(sink.size() - 1);
        sink.set(sink.size() - 1, new Problem(last.file(), last.line(), last.user(), last.sku(), last.code(),
                last.message() + addition, last.fix()));
    }

    void missingValue(int line, Column column) {
        missingValue(line, null, column);
    }

    void missingValue(int line, String user, Column column) {
        report(line, user, null, ErrorCode.INVALID_ROW, "the row has no value in column '" + column.name() + "'.",
                "Fill in column '" + column.name() + "' or delete the row.");
    }
}
