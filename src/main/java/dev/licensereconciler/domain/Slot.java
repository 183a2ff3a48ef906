package dev.licensereconciler.domain;

/**
 * One user's relation to one product during a run: held at the start, wanted by rules, held now.
 * A user's slots form a short linked list in SKU order, which keeps a million users free of
 * per-user maps and lists.
 */
final class Slot {

    /** What the nightly job means to do with this (user, product) (R4, R11). */
    enum Intent { KEEP, REMOVE, UPDATE, ASSIGN }

    final int user;
    final ProductState product;
    Slot next;

    PlanSelection start;
    boolean managedAtStart;
    PlanSelection now;
    boolean managed;
    /** Union of what the user's rules grant (R2); null when no rule entitles the user. */
    PlanSelection desired;
    int priority = Integer.MAX_VALUE;

    Intent intent = Intent.KEEP;
    /** A removal planned but not yet carried out: the dependency check does not count it as kept. */
    boolean pendingRemoval;
    /** Why a reclaim policy removes it (R11); null for an ordinary removal. */
    ErrorCode reclaimReason;
    Outcome outcome;
    ErrorCode code;
    Refusal refusal;

    Slot(int user, ProductState product) {
        this.user = user;
        this.product = product;
    }

    boolean heldNow() {
        return now != null;
    }
}
