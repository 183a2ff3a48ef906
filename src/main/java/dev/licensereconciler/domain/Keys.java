package dev.licensereconciler.domain;

import java.util.Locale;

/**
 * The one lookup key of the tenant's names: UPNs, object ids, group names, SKUs, plan names and
 * purchasers all match when equal after {@link #normalize} (trimmed as {@link String#trim} trims,
 * lower-cased in {@link Locale#ROOT}), so "Ann@Contoso.example " and "ann@contoso.example" are one
 * user. Public so that ingest's duplicate checks can use the same key.
 *
 * <p>{@link #same} and {@link #hash} are that comparison done in place: the user index calls them
 * a few million times per run, and building a lower-cased copy each time would double its garbage.
 */
public final class Keys {

    private Keys() {
    }

    public static String normalize(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether normalize(a) equals normalize(b); builds neither when both are ASCII. */
    static boolean same(String a, String b) {
        int af = trimStart(a);
        int at = trimEnd(a);
        int bf = trimStart(b);
        int bt = trimEnd(b);
        if (!ascii(a, af, at) || !ascii(b, bf, bt)) {
            // Non-ASCII case folding may change the length (İ becomes i + combining dot).
            return normalize(a).equals(normalize(b));
        }
        if (at - af != bt - bf) {
            return false;
        }
        for (int i = af, j = bf; i < at; i++, j++) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    /** {@code normalize(s).hashCode()}; builds no string when s is ASCII. */
    static int hash(String s) {
        int from = trimStart(s);
        int to = trimEnd(s);
        if (!ascii(s, from, to)) {
            return normalize(s).hashCode();
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + lower(s.charAt(i));
        }
        return h;
    }

    static boolean ascii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Where {@link String#trim} would start: after every code point up to ' '. */
    static int trimStart(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && s.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    /** Where {@link String#trim} would end. */
    static int trimEnd(String s) {
        int n = s.length();
        int start = trimStart(s);
        while (n > start && s.charAt(n - 1) <= ' ') {
            n--;
        }
        return n;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
