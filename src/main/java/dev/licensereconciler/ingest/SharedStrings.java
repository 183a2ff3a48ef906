package dev.licensereconciler.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal strings that repeat across rows (usage locations, rule group names): with a million
 * rows, one "NL" per user would cost tens of megabytes that the snapshot keeps. Bounded so that a
 * column of unique values cannot grow it without limit.
 */
final class SharedStrings {

    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, String> seen = new HashMap<>();

    String share(String s) {
        String shared = seen.get(s);
        if (shared != null) {
            return shared;
        }
        if (seen.size() < MAX_ENTRIES) {
            seen.put(s, s);
        }
        return s;
    }
}
