package dev.licensereconciler.domain;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The current licenses of every user as one flat array with per-user offsets: two million
 * licenses cost two arrays instead of a million lists. Equal licenses (same SKU, plans and paths)
 * are one shared object, since a tenant has few distinct ones.
 */
final class LicenseTable {

    /** Licenses of user u: {@code licenses[start[u] .. start[u + 1])}. */
    private final int[] start;
    private final CurrentLicense[] licenses;

    private LicenseTable(int[] start, CurrentLicense[] licenses) {
        this.start = start;
        this.licenses = licenses;
    }

    /** Licenses of a user in the order they were added; empty for a user beyond the last one added. */
    List<CurrentLicense> of(int user) {
        if (user >= start.length - 1) {
            return Collections.emptyList();
        }
        int from = start[user];
        int to = start[user + 1];
        return from == to ? Collections.emptyList() : new Slice(licenses, from, to);
    }

    /** An unmodifiable view of part of the flat license array. */
    private static final class Slice extends AbstractList<CurrentLicense> implements RandomAccess {
        private final CurrentLicense[] a;
        private final int from;
        private final int size;

        Slice(CurrentLicense[] a, int from, int to) {
            this.a = a;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public CurrentLicense get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
            }
            return a[from + index];
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * Collects licenses in any user order (the assignments export is not sorted by user): per user
     * a chain through flat arrays, 1-based indexes with 0 as the end, so nothing is allocated per user.
     */
    static final class Builder {
        /** Enough for every distinct license of a real tenant; beyond it licenses are kept unshared. */
        private static final int MAX_SHARED = 10_000;

        private int[] head = new int[16];
        private int[] tail = new int[16];
        private int users;
        private CurrentLicense[] at = new CurrentLicense[16];
        private int[] next = new int[16];
        private int count;
        private final Map<CurrentLicense, CurrentLicense> shared = new HashMap<>();

        /**
         * Adds a license, or another path of a product the user already holds (SKU in any casing):
         * one license with the paths of both. False when the path is one the license already has.
         */
        boolean add(int user, CurrentLicense license) {
            if (user < 0) {
                throw new IndexOutOfBoundsException("Index " + user + " out of bounds");
            }
            if (user >= head.length) {
                int cap = Math.max(user + 1, head.length * 2);
                head = Arrays.copyOf(head, cap);
                tail = Arrays.copyOf(tail, cap);
            }
            users = Math.max(users, user + 1);
            for (int l = head[user] - 1; l >= 0; l = next[l] - 1) {
                if (at[l].sku().equalsIgnoreCase(license.sku())) {
                    CurrentLicense merged = at[l].withPathsOf(license);
                    if (merged == null) {
                        return false;
                    }
                    at[l] = share(merged);
                    return true;
                }
            }
            license = share(license);
            if (count == at.length) {
                at = Arrays.copyOf(at, count * 2);
                next = Arrays.copyOf(next, count * 2);
            }
            int l = count++;
            at[l] = license;
            next[l] = 0;
            if (tail[user] == 0) {
                head[user] = l + 1;
            } else {
                next[tail[user] - 1] = l + 1;
            }
            tail[user] = l + 1;
            return true;
        }

        private CurrentLicense share(CurrentLicense license) {
            CurrentLicense same = shared.get(license);
            if (same != null) {
                return same;
            }
            if (shared.size() < MAX_SHARED) {
                shared.put(license, license);
            }
            return license;
        }

        boolean isEmpty() {
            return count == 0;
        }

        LicenseTable build() {
            int[] start = new int[users + 1];
            CurrentLicense[] licenses = new CurrentLicense[count];
            int pos = 0;
            for (int u = 0; u < users; u++) {
                start[u] = pos;
                for (int l = head[u] - 1; l >= 0; l = next[l] - 1) {
                    licenses[pos++] = at[l];
                }
            }
            start[users] = pos;
            return new LicenseTable(start, licenses);
        }
    }
}
