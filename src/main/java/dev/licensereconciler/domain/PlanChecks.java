package dev.licensereconciler.domain;

import java.util.Optional;

/**
 * The service-plan checks of R6 against a user's licenses as they stand. A change is refused only
 * for a problem it brings about: a plan it turns on that conflicts with a plan of another license,
 * a requirement of a plan it turns on that nothing meets, or a requirement that was met before and
 * no longer would be. Licenses whose removal is still pending do not count as kept.
 */
final class PlanChecks {

    private final PlanUniverse universe;

    PlanChecks(PlanUniverse universe) {
        this.universe = universe;
    }

    /**
     * Checks replacing the target's current plans ({@code target.now}, null when not held) by
     * {@code after} (null for a removal); the first problem in R6's order, if any.
     */
    Optional<Refusal> check(Slot head, Slot target, PlanSelection after, Wording.Change change, String upn) {
        PlanSelection before = target.now;
        if (after != null) {
            Optional<Refusal> r = conflicts(head, target, before, after, change, upn);
            if (r.isEmpty()) {
                r = ownRequirements(head, target, before, after, change, upn);
            }
            if (r.isPresent()) {
                return r;
            }
        }
        return before == null ? Optional.empty() : othersRequirements(head, target, before, after, change, upn);
    }

    private Optional<Refusal> conflicts(Slot head, Slot target, PlanSelection before, PlanSelection after,
                              Wording.Change change, String upn) {
        for (int plan : after.enabled) {
            if (before != null && before.has(plan)) {
                continue;
            }
            for (int other : universe.conflictsOf(plan)) {
                for (Slot o = head; o != null; o = o.next) {
                    if (kept(o, target) && o.now.has(other)) {
                        return Optional.of(Wording.conflict(change, target.product, upn, universe.name(plan), o.product,
                                universe.name(other)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> ownRequirements(Slot head, Slot target, PlanSelection before, PlanSelection after,
                                    Wording.Change change, String upn) {
        for (int plan : after.requiring) {
            boolean turnedOn = before == null || !before.has(plan);
            for (int[] alternatives : universe.requirementsOf(plan)) {
                if (!met(alternatives, head, target, after)
                        && (turnedOn || met(alternatives, head, target, before))) {
                    return Optional.of(Wording.missingPrerequisite(change, target.product, upn, universe.name(plan),
                            universe.names(alternatives, " or ")));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> othersRequirements(Slot head, Slot target, PlanSelection before, PlanSelection after,
                                       Wording.Change change, String upn) {
        for (Slot o = head; o != null; o = o.next) {
            if (!kept(o, target)) {
                continue;
            }
            for (int plan : o.now.requiring) {
                for (int[] alternatives : universe.requirementsOf(plan)) {
                    if (!met(alternatives, head, target, after) && met(alternatives, head, target, before)) {
                        return Optional.of(Wording.dependentLeft(change, target.product, upn, universe.name(plan),
                                o.product, universe.names(alternatives, " or ")));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean kept(Slot o, Slot target) {
        return o != target && o.now != null && !o.pendingRemoval;
    }

    private static boolean met(int[] alternatives, Slot head, Slot target, PlanSelection targetPlans) {
        for (int plan : alternatives) {
            if (targetPlans != null && targetPlans.has(plan)) {
                return true;
            }
            for (Slot o = head; o != null; o = o.next) {
                if (kept(o, target) && o.now.has(plan)) {
                    return true;
                }
            }
        }
        return false;
    }
}
