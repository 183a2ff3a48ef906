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
    /**
     * Whether the job managed it at the start: held through the group of one of the job's rules for
     * the product, or in the job's own record (R3). Never for an inherited license.
     */
    boolean managedAtStart;
    /**
     * Held at the start through an Entra group no rule of the job names for the product: Entra owns
     * that path, and Graph refuses to remove or change it on the user (RULES.md R3a).
     */
    boolean inherited;
    /** Held at the start through a direct path besides its group paths. */
    boolean alsoDirect;
    /** Held at the start through the group of one of the job's rules for the product. */
    boolean byRuleGroup;
    /** The plans held now; null when not held. */
    PlanSelection now;
    /**
     * Whether a license rule manages it now, or (inherited) a group holds it: the nightly job may
     * change a managed one that is not inherited; a bulk import changes neither.
     */
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
