package dev.licensereconciler.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** Service-plan name sets as the outputs show them: sorted, joined by ';'. */
public final class Plans {

    private Plans() {
    }

    private static final SortedSet<String> EMPTY = Collections.unmodifiableSortedSet(new TreeSet<>());

    public static SortedSet<String> none() {
        return EMPTY;
    }

    public static SortedSet<String> of(String... names) {
        return copy(java.util.Arrays.asList(names));
    }

    /** An unmodifiable sorted copy; the shared empty set for none, to keep a million licenses small. */
    public static SortedSet<String> copy(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return EMPTY;
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }

    public static String join(Collection<String> names) {
        return String.join(";", names == null ? EMPTY : new TreeSet<>(names));
    }
}
