package dev.licensereconciler.domain;

import java.util.Arrays;
import java.util.Comparator;
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

    /** Order of the given (distinct) users; others get no rank. */
    static UserOrder of(TenantSnapshot snapshot, int[] users) {
        String[] keys = new String[snapshot.userCount()];
        Integer[] sorted = new Integer[users.length];
        for (int i = 0; i < users.length; i++) {
            sorted[i] = users[i];
            keys[users[i]] = snapshot.user(users[i]).upn().toLowerCase(Locale.ROOT);
        }
        Arrays.sort(sorted, Comparator.comparing((Integer u) -> keys[u])
                .thenComparing(u -> snapshot.user(u).upn())
                .thenComparingInt(u -> u));
        int[] rank = new int[snapshot.userCount()];
        Arrays.fill(rank, -1);
        int[] byRank = new int[sorted.length];
        for (int r = 0; r < sorted.length; r++) {
            byRank[r] = sorted[r];
            rank[sorted[r]] = r;
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
