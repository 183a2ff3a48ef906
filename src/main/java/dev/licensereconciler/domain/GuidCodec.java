package dev.licensereconciler.domain;

/**
 * Object ids that are GUIDs in canonical form ({@code 8-4-4-4-12} hex digits) as two longs: 16
 * bytes instead of a 36-character String of about 90, for every one of a million users. Only the
 * canonical all-lower-case and all-upper-case spellings are encoded, so the text comes back exactly
 * as the export spelled it; any other spelling stays a String.
 */
final class GuidCodec {

    static final int NOT_A_GUID = 0;
    static final int LOWER_CASE = 1;
    static final int UPPER_CASE = 2;

    private static final int LENGTH = 36;

    private GuidCodec() {
    }

    /** {@link #LOWER_CASE} or {@link #UPPER_CASE} for an encodable GUID, else {@link #NOT_A_GUID}. */
    static int kind(String s) {
        if (s.length() != LENGTH) {
            return NOT_A_GUID;
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (dash(i)) {
                if (c != '-') {
                    return NOT_A_GUID;
                }
            } else if (c >= 'a' && c <= 'f') {
                lower = true;
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (c < '0' || c > '9') {
                return NOT_A_GUID;
            }
        }
        // Digits only count as lower case: either spelling decodes to the same text then.
        return lower && upper ? NOT_A_GUID : upper ? UPPER_CASE : LOWER_CASE;
    }

    /** The first 16 hex digits of a GUID whose {@link #kind} is not {@link #NOT_A_GUID}. */
    static long high(String guid) {
        return hex(guid, 0, 8) << 32 | hex(guid, 9, 13) << 16 | hex(guid, 14, 18);
    }

    /** The last 16 hex digits of a GUID whose {@link #kind} is not {@link #NOT_A_GUID}. */
    static long low(String guid) {
        return hex(guid, 19, 23) << 48 | hex(guid, 24, 36);
    }

    static String text(long high, long low, boolean upperCase) {
        char[] c = new char[LENGTH];
        for (int i = 0; i < 16; i++) {
            int pos = i < 8 ? i : i < 12 ? i + 1 : i + 2;
            c[pos] = digit((int) (high >>> (60 - 4 * i)) & 15, upperCase);
        }
        for (int i = 0; i < 16; i++) {
            int pos = i < 4 ? 19 + i : 20 + i;
            c[pos] = digit((int) (low >>> (60 - 4 * i)) & 15, upperCase);
        }
        c[8] = '-';
        c[13] = '-';
        c[18] = '-';
        c[23] = '-';
        return new String(c);
    }

    /**
     * Whether the lookup key q (any casing, blanks around it) names the encoded GUID, as
     * {@code Keys.same(q, text(high, low, ...))} would say, without building the text.
     */
    static boolean denotes(String q, long high, long low) {
        int from = Keys.trimStart(q);
        int to = Keys.trimEnd(q);
        boolean ascii = Keys.ascii(q, from, to);
        if (to - from != LENGTH || !ascii) {
            return !ascii && Keys.normalize(q).equals(text(high, low, false));
        }
        String t = Keys.normalize(q);
        return kind(t) == LOWER_CASE && high(t) == high && low(t) == low;
    }

    private static boolean dash(int i) {
        return i == 8 || i == 13 || i == 18 || i == 23;
    }

    private static char digit(int d, boolean upperCase) {
        return (char) (d < 10 ? '0' + d : (upperCase ? 'A' : 'a') + d - 10);
    }

    /** Hex value of s[from, to): at most 16 digits, checked by {@link #kind} before. */
    private static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v << 4 | Character.digit(s.charAt(i), 16);
        }
        return v;
    }
}
