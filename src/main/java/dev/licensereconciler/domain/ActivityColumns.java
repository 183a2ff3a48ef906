package dev.licensereconciler.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;

/**
 * When each user was last active and when the account was created, as epoch days in int arrays
 * (a million users: 8 MB, no objects), plus the activity report's refresh date. A user is judged
 * only when the activity report lists them; the latest date of any workload or sign-in counts, and
 * a user never active counts from the account's creation.
 */
final class ActivityColumns {

    /** No date known. */
    static final int NONE = Integer.MIN_VALUE;

    private int refreshDay = NONE;
    private final BitSet reported = new BitSet();
    private int[] lastActive = new int[0];
    private int[] created = new int[0];

    void refreshed(LocalDate date) {
        refreshDay = Math.max(refreshDay, (int) date.toEpochDay());
    }

    boolean hasReport() {
        return refreshDay != NONE;
    }

    LocalDate refreshDate() {
        return refreshDay == NONE ? null : LocalDate.ofEpochDay(refreshDay);
    }

    void reported(int user) {
        reported.set(user);
    }

    void active(int user, LocalDate day) {
        ensure(user);
        lastActive[user] = Math.max(lastActive[user], (int) day.toEpochDay());
    }

    void created(int user, LocalDate day) {
        ensure(user);
        created[user] = (int) day.toEpochDay();
    }

    /**
     * Days without activity up to the report's refresh date, counted from the last activity or,
     * for a user never active, from the creation; -1 when that cannot be told (no report, the
     * report does not list the user, or no date at all).
     */
    int daysInactive(int user) {
        if (refreshDay == NONE || !reported.get(user)) {
            return -1;
        }
        int since = lastActiveDay(user);
        return since == NONE ? -1 : Math.max(0, refreshDay - since);
    }

    /** The last activity, else the creation; null when neither is known. */
    LocalDate lastActive(int user) {
        int day = lastActiveDay(user);
        return day == NONE ? null : LocalDate.ofEpochDay(day);
    }

    private int lastActiveDay(int user) {
        if (user < lastActive.length && lastActive[user] != NONE) {
            return lastActive[user];
        }
        return user < created.length ? created[user] : NONE;
    }

    private void ensure(int user) {
        if (user >= lastActive.length) {
            int cap = Math.max(16, Math.max(user + 1, lastActive.length * 2));
            int old = lastActive.length;
            lastActive = Arrays.copyOf(lastActive, cap);
            created = Arrays.copyOf(created, cap);
            Arrays.fill(lastActive, old, cap, NONE);
            Arrays.fill(created, old, cap, NONE);
        }
    }
}
