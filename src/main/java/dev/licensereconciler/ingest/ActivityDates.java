package dev.licensereconciler.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The dates of activity exports: the usage reports' {@code 2024-05-31}; Graph's and Entra's
 * {@code 2024-05-31T08:15:00Z} (an offset is taken in UTC); {@code 2024-05-31 08:15:00} with or
 * without a trailing {@code UTC}; and the admin center's user export, {@code 3/4/2025 10:36:18 AM}
 * (month first, as its AM/PM form always is). Slashed dates without AM/PM ({@code 05/06/2024}) are
 * not read: day-first and month-first cannot be told apart, and a month's error decides whether a
 * license is removed. Parsed by hand: users.csv has a date per user, a million of them.
 */
final class ActivityDates {

    /** Describes the accepted forms in fixes. */
    static final String FORMS = "YYYY-MM-DD, or a date and time such as 2024-05-31T08:15:00Z";

    private ActivityDates() {
    }

    /** The day; null when the cell is not one of the accepted forms. */
    static LocalDate parse(String cell) {
        String s = cell.strip();
        try {
            if (s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                if (s.length() > 10 && s.charAt(10) == 'T' && hasOffset(s)) {
                    return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
                }
                if (s.length() > 10 && s.charAt(10) != 'T' && s.charAt(10) != ' ') {
                    return null;
                }
                return date(number(s, 0, 4), number(s, 5, 7), number(s, 8, 10));
            }
            String upper = s.toUpperCase(Locale.ROOT);
            int slash1 = s.indexOf('/');
            int slash2 = slash1 < 0 ? -1 : s.indexOf('/', slash1 + 1);
            int space = s.indexOf(' ');
            if (slash2 > 0 && space > slash2 && (upper.endsWith(" AM") || upper.endsWith(" PM"))) {
                return date(number(s, slash2 + 1, space), number(s, 0, slash1), number(s, slash1 + 1, slash2));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    private static boolean hasOffset(String s) {
        return s.endsWith("Z") || s.endsWith("z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
    }

    private static LocalDate date(int year, int month, int day) {
        if (year < 1900 || month < 0 || day < 0) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The digits of s[from, to) as a number; -1 when they are not 1 to 4 digits. */
    private static int number(String s, int from, int to) {
        if (to - from < 1 || to - from > 4) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
