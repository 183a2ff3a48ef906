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

    /** An integer, sign allowed; null otherwise. */
    static Integer integer(String cell) {
        try {
            return Integer.valueOf(cell.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A non-negative amount as Excel writes it in either locale: "36.00", "36,00", "1,234.50",
     * "1.234,50". The last of '.' and ',' is the decimal mark; the other one groups thousands.
     */
    static BigDecimal amount(String cell) {
        String s = cell.strip().replace(" ", "").replace("\u00a0", "");
        int dot = s.lastIndexOf('.');
        int comma = s.lastIndexOf(',');
        if (comma > dot) {
            s = s.replace(".", "").replace(',', '.');
        } else if (dot > comma && comma >= 0) {
            s = s.replace(",", "");
        }
        try {
            BigDecimal v = new BigDecimal(s);
            return v.signum() < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
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
