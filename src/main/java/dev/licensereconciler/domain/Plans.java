package dev.licensereconciler.domain;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Service-plan name sets as the outputs show them: sorted, joined by ';'. */
public final class Plans {

    private Plans() {
    }

    private static final SortedSet<String> EMPTY = Collections.unmodifiableSortedSet(new TreeSet<>());

    public static SortedSet<String> none() {
        return EMPTY;
    }

    public static SortedSet<String> of(String... names) {
        return copy(Arrays.asList(names));
    }

    /**
     * An unmodifiable sorted copy; the shared empty set for none, to keep a million licenses small.
     * A set this method made is returned as it is: nobody can change it, so a million results
     * sharing the plans of a few interned selections need no copies.
     */
    public static SortedSet<String> copy(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return EMPTY;
        }
        if (names instanceof Frozen) {
            return (Frozen) names;
        }
        return new Frozen(new TreeSet<>(names));
    }

    /** A read-only view of a sorted set only it holds, as {@code Collections.unmodifiableSortedSet}. */
    private static final class Frozen extends AbstractSet<String> implements SortedSet<String> {
        private final TreeSet<String> set;

        Frozen(TreeSet<String> set) {
            this.set = set;
        }

        @Override
        public Iterator<String> iterator() {
            return Collections.unmodifiableSortedSet(set).iterator();
        }

        @Override
        public int size() {
            return set.size();
        }

        @Override
        public boolean contains(Object o) {
            return set.contains(o);
        }

        @Override
        public boolean containsAll(Collection<?> c) {
            return set.containsAll(c);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || set.equals(o);
        }

        @Override
        public int hashCode() {
            return set.hashCode();
        }

        @Override
        public Object[] toArray() {
            return set.toArray();
        }

        @Override
        public <T> T[] toArray(T[] a) {
            return set.toArray(a);
        }

        @Override
        public String toString() {
            return set.toString();
        }

        @Override
        public Comparator<? super String> comparator() {
            return set.comparator();
        }

        @Override
        public SortedSet<String> subSet(String fromElement, String toElement) {
            return Collections.unmodifiableSortedSet(set.subSet(fromElement, toElement));
        }

        @Override
        public SortedSet<String> headSet(String toElement) {
            return Collections.unmodifiableSortedSet(set.headSet(toElement));
        }

        @Override
        public SortedSet<String> tailSet(String fromElement) {
            return Collections.unmodifiableSortedSet(set.tailSet(fromElement));
        }

        @Override
        public boolean add(String e) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Object o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean addAll(Collection<? extends String> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeAll(Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean retainAll(Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeIf(Predicate<? super String> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String first() {
            return set.first();
        }

        @Override
        public String last() {
            return set.last();
        }
    }

    public static String join(Collection<String> names) {
        return String.join(";", names == null ? EMPTY : new TreeSet<>(names));
    }
}
