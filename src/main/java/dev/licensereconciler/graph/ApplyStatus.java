package dev.licensereconciler.graph;

/** Where one user's request of an apply stands (LR_APPLY.STATUS). */
public enum ApplyStatus {
    /** Not sent yet. */
    PLANNED,
    /** Sent, or about to be: whether Graph carried it out is unknown until verified. */
    PENDING,
    /** Graph confirmed it, or the user's licenses show it in effect. */
    APPLIED,
    /** Graph refused it (its code and message kept), or it could not be built. */
    FAILED,
    /** A group path: Entra's group-based licensing carries it out; nothing is sent. */
    BY_ENTRA;

    boolean settled() {
        return this == APPLIED || this == FAILED || this == BY_ENTRA;
    }
}
