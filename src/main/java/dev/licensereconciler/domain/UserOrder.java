package dev.licensereconciler.domain;

import java.util.Arrays;
import java.util.Locale;

/**
 * Users in output order: UPN lower-cased, then UPN, then position in users.csv (so two UPNs that
 * differ only in casing, which ingest rejects anyway, still sort the same way every run). Ranks
 * let the engine sort by user with int comparisons only.
 */
final class UserOrder {

    private final int[] rank;
    private final int[] byRank;

    private UserOrder(int[] rank, int[] byRank) {
        this.rank = rank;
        this.byRank = byRank;
    }

    static UserOrder all(TenantSnapshot snapshot) {
        int[] users = new int[snapshot.userCount()];
        Arrays.setAll(users, i -> i);
        return of(snapshot, users);
    }

    /** One user to sort: its key computed once, compared with one hand-written comparator. */
    private record Entry(String key, String upn, int user) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = key.compareTo(o.key);
            if (c != 0) {
                return c;
            }
            c = upn.compareTo(o.upn);
            return c != 0 ? c : Integer.compare(user, o.user);
        }
    }

    /** Order of the given (distinct) users; others get no rank. */
    static UserOrder of(TenantSnapshot snapshot, int[] users) {
        Entry[] sorted = new Entry[users.length];
        for (int i = 0; i < users.length; i++) {
            String upn = snapshot.upn(users[i]);
            // Not Keys.normalize: R9 sorts by the UPN as users.csv spells it, lower-cased, untrimmed.
            sorted[i] = new Entry(upn.toLowerCase(Locale.ROOT), upn, users[i]);
        }
        Arrays.sort(sorted);
        int[] rank = new int[snapshot.userCount()];
        Arrays.fill(rank, -1);
        int[] byRank = new int[sorted.length];
        for (int r = 0; r < sorted.length; r++) {
            byRank[r] = sorted[r].user;
            rank[sorted[r].user] = r;
        }
        return new UserOrder(rank, byRank);
    }

    int rank(int user) {
        return rank[user];
    }

    int size() {
        return byRank.length;
    }

    int userAt(int rank) {
        return byRank[rank];
    }
}
