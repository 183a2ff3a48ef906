package dev.licensereconciler.report;

import java.util.regex.Pattern;

/**
 * Encodes one CSV cell: RFC 4180 quoting only when needed, and formula neutralisation.
 *
 * <p>Neutralisation (OWASP "CSV injection"): a cell starting with {@code = + - @}, tab or CR
 * could be run as a formula by Excel or LibreOffice, so it gets a leading single quote, which
 * spreadsheets show as a text marker. Plain numbers such as {@code -3} or {@code +1.50} are
 * left intact: no spreadsheet evaluates them as formulas and rewriting them would corrupt
 * legitimate figures. Everything else is written as given, so ordinary values (UPNs with
 * {@code #EXT#}, product names with {@code +} inside) survive byte for byte.
 */
public final class CsvCell {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private CsvCell() {
    }

    /** The cell as it goes into the file: neutralised, then quoted if it must be. */
    public static String encode(String value) {
        return quote(neutralise(value));
    }

    /** Prefixes a formula-looking value with {@code '}; null becomes empty. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        if (!risky || PLAIN_NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value;
    }

    /** RFC 4180: quote only a cell holding the separator, a quote, CR or LF; double inner quotes. */
    public static String quote(String value) {
        boolean needsQuotes = false;
        for (int i = 0; i < value.length() && !needsQuotes; i++) {
            char c = value.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
