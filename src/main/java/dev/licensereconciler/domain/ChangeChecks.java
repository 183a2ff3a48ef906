package dev.licensereconciler.domain;

import java.util.Optional;

/**
 * R6 in its documented order for the three kinds of change. Seats (COUNT_VIOLATION, the last
 * check) are the caller's, since only the caller knows whether a seat is free.
 * <ul>
 * <li>A new assignment: every check.</li>
 * <li>A removal: a self-service product can't be removed, and nothing kept may depend on it.
 * Guests, blocked accounts and usage locations never stop a removal.</li>
 * <li>A service update: self-service, then the plan checks. It takes no seat, so an inactive
 * subscription does not stop it.</li>
 * </ul>
 */
final class ChangeChecks {

    private final Workspace workspace;
    private final Policies policies;
    private final PlanChecks plans;

    ChangeChecks(Workspace workspace, Policies policies) {
        this.workspace = workspace;
        this.policies = policies;
        this.plans = new PlanChecks(workspace.universe);
    }

    /** {@code ruleBased}: the job's defaultUsageLocation stands in only for rule-based assignments. */
    Optional<Refusal> assignment(Slot slot, PlanSelection plansWanted, boolean ruleBased) {
        ProductState p = slot.product;
        TenantUser user = workspace.user(slot.user);
        String upn = user.upn();
        if (p.selfServiceOnly()) {
            return Optional.of(Wording.selfService(Wording.Change.ASSIGN, p, upn));
        }
        if (p.inactive()) {
            return Optional.of(Wording.inactive(p, upn));
        }
        if (user.guest() && !policies.allowGuests()) {
            return Optional.of(Wording.guest(p, upn));
        }
        if (user.blocked() && !policies.allowBlocked()) {
            return Optional.of(Wording.blocked(p, upn));
        }
        boolean defaultApplies = ruleBased && !policies.defaultUsageLocation().isEmpty();
        if (!user.hasUsageLocation() && !defaultApplies) {
            return Optional.of(Wording.noUsageLocation(p, upn, ruleBased));
        }
        return plans.check(workspace.first(slot.user), slot, plansWanted, Wording.Change.ASSIGN, upn);
    }

    Optional<Refusal> removal(Slot slot) {
        String upn = workspace.upn(slot.user);
        if (slot.product.selfServiceOnly()) {
            return Optional.of(Wording.selfService(Wording.Change.UNASSIGN, slot.product, upn));
        }
        return plans.check(workspace.first(slot.user), slot, null, Wording.Change.UNASSIGN, upn);
    }

    Optional<Refusal> update(Slot slot, PlanSelection plansWanted) {
        String upn = workspace.upn(slot.user);
        if (slot.product.selfServiceOnly()) {
            return Optional.of(Wording.selfService(Wording.Change.UPDATE, slot.product, upn));
        }
        return plans.check(workspace.first(slot.user), slot, plansWanted, Wording.Change.UPDATE, upn);
    }
}
