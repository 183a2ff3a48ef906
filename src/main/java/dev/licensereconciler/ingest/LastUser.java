package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.TenantSnapshot;

/**
 * The user index of the previous row's user, kept while a file names the same user on consecutive
 * rows (assignments are exported per user, and so are membership files built from them): a
 * million-user tenant has several million such rows, and each lookup in the snapshot's user map
 * lower-cases the name and misses the CPU cache. Exact: same text, same user.
 */
final class LastUser {

    private final TenantSnapshot.Builder builder;
    private String who;
    private int index = -1;

    LastUser(TenantSnapshot.Builder builder) {
        this.builder = builder;
    }

    int index(String name) {
        if (!name.equals(who)) {
            index = builder.userIndex(name);
            who = name;
        }
        return index;
    }
}
