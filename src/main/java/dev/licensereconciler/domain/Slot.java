package dev.licensereconciler.domain;

/**
 * One user's relation to one product during a run: the license the user holds (at the start and
 * now) and what the license rules entitle the user to. What a run means to do with it is the run's
 * own bookkeeping, kept by slot {@link #id} (the nightly job's {@code Reconciler.Decision}).
 *
 * <p>A user's slots form a short linked list in SKU order, which keeps a million users free of
 * per-user maps and lists.
 */
final class Slot {

    /** Number in creation order, 0 .. {@link Workspace#slotCount()} - 1. */
    final int id;
    final int user;
    final ProductState product;
    Slot next;

    /** The plans held at the start of the run; null when the user held no license of the product. */
    PlanSelection start;
    /** Whether a license rule (not an admin by hand) had assigned it at the start. */
    boolean managedAtStart;
    /** The plans held now; null when not held. */
    PlanSelection now;
    /** Whether a license rule manages it now: the nightly job may change it, a bulk import may not. */
    boolean managed;

    /** Union of what the user's rules grant (R2); null when no rule entitles the user. */
    PlanSelection desired;
    /** The most urgent (lowest) priority among those rules (R5). */
    int priority = Integer.MAX_VALUE;

    /** A removal planned but not yet carried out: the dependency check does not count it as kept. */
    boolean pendingRemoval;

    Slot(int id, int user, ProductState product) {
        this.id = id;
        this.user = user;
        this.product = product;
    }

    boolean heldNow() {
        return now != null;
    }
}
