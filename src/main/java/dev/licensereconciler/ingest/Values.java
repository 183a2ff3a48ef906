package dev.licensereconciler.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Cell parsing shared by the readers; each returns null for a value it cannot read. */
final class Values {

    private Values() {
    }

    /** True/False/TRUE/Yes/No/1/0 in any casing; null when it is none of them. */
    static Boolean flag(String cell) {
        switch (cell.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "y", "waar", "ja" -> {
                return Boolean.TRUE;
            }
            case "false", "no", "0", "n", "onwaar", "nee" -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    /** A non-negative whole number; null otherwise (also for "10.5" or "-1"). */
    static Integer count(String cell) {
        String s = cell.strip();
        if (s.isEmpty() || s.length() > 10) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        long v = Long.parseLong(s);
        return v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** True for a non-empty run of the digits 0-9 only: a whole number, however large. */
    static boolean digitsOnly(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return false;
        }
        for (int i = s.charAt(0) == '-' && s.length() > 1 ? 1 : 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Values up to this length are quoted whole in messages. */
    private static final int QUOTED_WHOLE = 80;
    /** How much of a longer value a message quotes before saying how long it is. */
    private static final int QUOTED_START = 40;

    /**
     * A value as a message quotes it: whole when short, else its start and its length, so that one
     * over-long cell cannot make errors.csv (or the database's MESSAGE column) unreadable.
     */
    static String quote(String value) {
        if (value.length() <= QUOTED_WHOLE) {
            return "'" + value + "'";
        }
        int cut = Character.isHighSurrogate(value.charAt(QUOTED_START - 1)) ? QUOTED_START - 1 : QUOTED_START;
        return "'" + value.substring(0, cut) + "...' (" + String.format(Locale.ROOT, "%,d", value.length()) + " characters)";
    }

    /** An integer, sign allowed; null otherwise. */
    static Integer integer(String cell) {
        try {
            return Integer.valueOf(cell.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A parsed amount, or what keeps the cell from being one (a phrase after "the value"). */
    record Amount(BigDecimal value, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    /**
     * A non-negative amount as Excel writes it in either locale: "36.00", "36,00", "1,234.50",
     * "1.234,50". The last of '.' and ',' is the decimal mark; the other one groups thousands.
     * Only digits and marks are accepted, so an exponent form ("1e999999999") never reaches
     * BigDecimal, whose parse of such a value is what fails with a BigInteger overflow; trailing
     * zero decimals do not count against {@code maxDecimals}.
     */
    static Amount amount(String cell, int maxDigits, int maxDecimals) {
        String s = cell.strip().replace(" ", "").replace("\u00a0", "");
        int dot = s.lastIndexOf('.');
        int comma = s.lastIndexOf(',');
        if (comma > dot) {
            s = s.replace(".", "").replace(',', '.');
        } else if (dot > comma && comma >= 0) {
            s = s.replace(",", "");
        }
        int mark = -1;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && mark < 0) {
                mark = i;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == 'e' || c == 'E') {
                return new Amount(null, "is written in exponent form");
            } else {
                return new Amount(null, c == '-' ? "is negative" : "is not an amount");
            }
        }
        if (digits == 0) {
            return new Amount(null, "is not an amount");
        }
        int end = s.length();
        while (mark >= 0 && end > mark + 1 && s.charAt(end - 1) == '0') {
            end--;
        }
        int decimals = mark < 0 ? 0 : end - mark - 1;
        if (decimals > maxDecimals) {
            return new Amount(null, "has " + decimals + " decimals, more than " + maxDecimals);
        }
        int start = 0;
        while (start < s.length() - 1 && s.charAt(start) == '0' && s.charAt(start + 1) != '.') {
            start++;
        }
        int whole = (mark < 0 ? s.length() : mark) - start;
        if (whole + maxDecimals > maxDigits) {
            return new Amount(null, "has " + String.format(Locale.ROOT, "%,d", whole) + " digits before the decimal mark, more than "
                    + (maxDigits - maxDecimals));
        }
        // The cell's own scale is kept ("36.00" stays 36.00); leading and surplus trailing zeros are
        // cut so that BigDecimal never parses more than the digits that count.
        int keep = mark < 0 ? s.length() : Math.min(s.length(), Math.max(end, mark + 1 + maxDecimals));
        return new Amount(new BigDecimal(s.substring(start, keep)), null);
    }

    /** Non-blank trimmed parts of a cell split at any of the given delimiter characters. */
    static List<String> split(String cell, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= cell.length(); i++) {
            if (i == cell.length() || delimiters.indexOf(cell.charAt(i)) >= 0) {
                String part = cell.substring(start, i).strip();
                if (!part.isEmpty()) {
                    parts.add(part);
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /** Upper case with spaces, hyphens and underscores dropped: "Locked out" and "LOCKED_OUT" agree. */
    static String token(String cell) {
        StringBuilder sb = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c != ' ' && c != '-' && c != '_') {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
