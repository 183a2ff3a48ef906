package dev.licensereconciler.graph;

/**
 * The points of an apply where a crash leaves a different state behind; tests crash there on
 * purpose to show that a resumed apply sends every request exactly once.
 */
@FunctionalInterface
public interface ApplyHooks {

    enum Point {
        /** A batch is chosen; nothing recorded for it yet. */
        BEFORE_PENDING,
        /** Its requests are recorded PENDING; not sent. */
        AFTER_PENDING,
        /** Graph answered (it carried the requests out); the answers are not recorded yet. */
        AFTER_RESPONSE,
        /** The answers are recorded. */
        AFTER_RECORD
    }

    ApplyHooks NONE = point -> {
    };

    void at(Point point);
}
