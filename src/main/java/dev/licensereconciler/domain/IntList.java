package dev.licensereconciler.domain;

import java.util.Arrays;

/**
 * A growable list of ints (user numbers): a million of them as boxed Integers in an ArrayList
 * would cost about five times the memory.
 */
final class IntList {

    private int[] data = new int[4];
    private int size;

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    /**
     * Adds v unless it is the last element. Membership exports list a group's members together,
     * so a repeated member is nearly always the last one; this keeps the check O(1).
     */
    boolean addIfAbsentLast(int v) {
        if (size > 0 && data[size - 1] == v) {
            return false;
        }
        add(v);
        return true;
    }

    int size() {
        return size;
    }

    /** A copy of the elements; the caller may change it. */
    int[] toArray() {
        return Arrays.copyOf(data, size);
    }

    /**
     * The elements in an array of their exact size, which is the list's own when it is full: for a
     * finished list that nobody adds to or reads afterwards, saving a copy of a million memberships.
     */
    int[] trimmed() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }
}
