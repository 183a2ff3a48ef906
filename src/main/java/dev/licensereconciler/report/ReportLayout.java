package dev.licensereconciler.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The layout of one output of a run, declared once for its CSV file and its database table: the
 * file name, the table, and per column the CSV header, the table column and the value. The CSV
 * writer turns the values into cells, the batch layer binds them as the table's parameters, and
 * tests read both through it, as Spring Batch's field extractors serve its file and database
 * writers alike.
 */
public record ReportLayout<T>(String fileName, String table, List<Column<T>> columns) {

    /** The longest text the tables' message-like columns hold (VARCHAR(4000) on H2 and MySQL). */
    public static final int LONG_TEXT = 4000;

    public ReportLayout {
        columns = List.copyOf(columns);
    }

    /** How a value is stored: the CSV file holds every value as text. */
    public enum Type {
        TEXT, INTEGER, DECIMAL
    }

    /**
     * One column. The value is null where the row has none: an empty cell in the file, NULL in the
     * table.
     *
     * @param maxLength longest text the table column takes (0: no limit); only the table cuts a
     *                  longer value, the file keeps it whole
     */
    public record Column<T>(String header, String dbColumn, Type type, Function<T, ?> value, int maxLength) {

        public static <T> Column<T> text(String header, String dbColumn, Function<T, String> value) {
            return new Column<>(header, dbColumn, Type.TEXT, value, 0);
        }

        /** Free text (messages, address lists) that the table keeps to {@link #LONG_TEXT} characters. */
        public static <T> Column<T> longText(String header, String dbColumn, Function<T, String> value) {
            return new Column<>(header, dbColumn, Type.TEXT, value, LONG_TEXT);
        }

        public static <T> Column<T> integer(String header, String dbColumn, Function<T, Integer> value) {
            return new Column<>(header, dbColumn, Type.INTEGER, value, 0);
        }

        public static <T> Column<T> decimal(String header, String dbColumn, Function<T, BigDecimal> value) {
            return new Column<>(header, dbColumn, Type.DECIMAL, value, 0);
        }

        /** The cell of the file, before CSV encoding: empty for no value, decimals in plain notation. */
        public String cell(T row) {
            Object v = value.apply(row);
            if (v instanceof BigDecimal d) {
                return ReportRows.decimal(d);
            }
            return v == null ? "" : v.toString();
        }

        /** The value for the table: a String, Integer or BigDecimal as {@link #type()} says, or null. */
        public Object dbValue(T row) {
            Object v = value.apply(row);
            if (maxLength > 0 && v instanceof String s && s.length() > maxLength) {
                return s.substring(0, maxLength - 3) + "...";
            }
            return v;
        }
    }

    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    public List<String> dbColumns() {
        return columns.stream().map(Column::dbColumn).toList();
    }

    /** A row's cells in column order, as the file shows them (before CSV encoding). */
    public List<String> cells(T row) {
        List<String> cells = new ArrayList<>(columns.size());
        for (Column<T> c : columns) {
            cells.add(c.cell(row));
        }
        return cells;
    }
}
