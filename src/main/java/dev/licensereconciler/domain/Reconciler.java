package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The nightly reconciliation (PRODUCT.md §4): decides per (user, product) what to keep, remove,
 * update or assign, carries the changes out against seats and service-plan rules in the order of
 * R5, and reports results, refusals, product actions and shortfalls.
 *
 * <p>Where the contract is silent: a refused removal keeps the license and its seat and is shown
 * as FAILED with its current plans; a refused update keeps the old plans; a license removed by a
 * reclaim policy shows its reclaim reason as code; a kept license (held before and after the run)
 * shows its reclaimable reason, also when it was updated (a refused removal shows the error code);
 * a license the run assigns is never reclaimable.
 */
public final class Reconciler {

    private final Policies policies;

    public Reconciler(Policies policies) {
        this.policies = policies;
    }

    public ReconciliationResult reconcile(TenantSnapshot snapshot) {
        Workspace workspace = Workspace.load(snapshot, List.of());
        UserOrder order = UserOrder.all(snapshot);
        ChangeChecks checks = new ChangeChecks(workspace, policies);
        List<Slot> candidates = new ArrayList<>();

        // Removals and updates, user by user in (UPN, SKU) order: they only touch the user's own
        // licenses and free seats, so doing them per user equals doing all removals, then all updates.
        for (int r = 0; r < order.size(); r++) {
            int user = order.userAt(r);
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                decide(workspace, s);
            }
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                if (s.intent == Slot.Intent.REMOVE) {
                    remove(checks, s);
                }
            }
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                if (s.intent == Slot.Intent.UPDATE) {
                    update(checks, s);
                } else if (s.intent == Slot.Intent.ASSIGN) {
                    candidates.add(s);
                }
            }
        }

        // R5: new assignments by (priority, UPN, SKU); candidates were collected in (UPN, SKU) order.
        candidates.sort(Comparator.comparingInt((Slot s) -> s.priority));
        for (Slot s : candidates) {
            assign(checks, s);
        }
        return report(workspace, order);
    }

    /** R3, R4, R11. */
    private void decide(Workspace workspace, Slot s) {
        boolean blocked = workspace.snapshot.blocked(s.user);
        if (s.start == null) {
            s.intent = s.desired == null ? Slot.Intent.KEEP : Slot.Intent.ASSIGN;
        } else if (blocked && policies.reclaim().reclaimsBlocked()) {
            s.intent = Slot.Intent.REMOVE;
            s.reclaimReason = ErrorCode.ACCOUNT_BLOCKED;
        } else if (s.desired != null) {
            s.managed = true; // a manual license of an entitled product is managed from now on
            s.intent = s.desired == s.start ? Slot.Intent.KEEP : Slot.Intent.UPDATE;
        } else if (s.managedAtStart) {
            s.intent = Slot.Intent.REMOVE;
        } else if (s.product.namedByRule && policies.reclaim().reclaimsNotEntitled()) {
            s.intent = Slot.Intent.REMOVE;
            s.reclaimReason = ErrorCode.NOT_ENTITLED;
        } else {
            s.intent = Slot.Intent.KEEP;
        }
        s.pendingRemoval = s.intent == Slot.Intent.REMOVE;
        s.outcome = Outcome.KEEP;
    }

    private static void remove(ChangeChecks checks, Slot s) {
        Refusal refusal = checks.removal(s);
        s.pendingRemoval = false;
        if (refusal != null) {
            refuse(s, refusal);
            return;
        }
        s.now = null;
        s.product.occupied--;
        s.outcome = Outcome.UNASSIGN;
    }

    private static void update(ChangeChecks checks, Slot s) {
        Refusal refusal = checks.update(s, s.desired);
        if (refusal != null) {
            refuse(s, refusal);
            return;
        }
        s.now = s.desired;
        s.outcome = Outcome.UPDATE_SERVICES;
    }

    private static void assign(ChangeChecks checks, Slot s) {
        ProductState p = s.product;
        Refusal refusal = checks.assignment(s, s.desired, true);
        if (refusal != null) {
            refuse(s, refusal);
            return;
        }
        p.requested++;
        if (p.occupied >= p.capacity) {
            p.countViolations++;
            s.outcome = Outcome.FAILED;
            s.code = ErrorCode.COUNT_VIOLATION;
            return; // worded at the end, when the number to buy is known
        }
        p.occupied++;
        s.now = s.desired;
        s.managed = true;
        s.outcome = Outcome.ASSIGN;
    }

    private static void refuse(Slot s, Refusal refusal) {
        s.outcome = Outcome.FAILED;
        s.code = refusal.code();
        s.refusal = refusal;
    }

    private ReconciliationResult report(Workspace workspace, UserOrder order) {
        List<LicenseResult> results = new ArrayList<>(workspace.slotCount());
        List<Problem> refusals = new ArrayList<>();
        ActionPlanner planner = new ActionPlanner();
        int unassigned = 0;
        for (int r = 0; r < order.size(); r++) {
            int user = order.userAt(r);
            String upn = workspace.upn(user);
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                if (s.start == null && s.desired == null) {
                    continue;
                }
                ErrorCode reason = workspace.reclaimableReason(s);
                if (reason != null) {
                    s.product.reclaimable++;
                }
                switch (s.outcome) {
                    case KEEP -> results.add(result(upn, s, reason, s.now.disabled));
                    case UPDATE_SERVICES -> {
                        results.add(result(upn, s, reason, s.now.disabled));
                        planner.add(Operation.UPDATE_SERVICES, s.now, user);
                    }
                    case ASSIGN -> {
                        results.add(result(upn, s, reason, s.now.disabled));
                        planner.add(Operation.ASSIGN, s.now, user);
                    }
                    case UNASSIGN -> {
                        results.add(result(upn, s, s.reclaimReason, Plans.none()));
                        planner.add(Operation.UNASSIGN, s.product.none(), user);
                        unassigned++;
                    }
                    case FAILED -> {
                        // A refused assignment shows the plans it would have had; a refused removal or update the current ones.
                        PlanSelection shown = s.now != null ? s.now : s.desired;
                        results.add(result(upn, s, s.code, shown.disabled));
                        Refusal refusal = s.refusal != null ? s.refusal : Wording.noSeat(s.product);
                        refusals.add(Problem.refusal(upn, s.product.sku, refusal.code(), refusal.message(),
                                refusal.fix()));
                    }
                }
            }
        }
        return new ReconciliationResult(planner.build(policies.batchSize(), order, workspace.snapshot), results,
                refusals, ShortfallReport.build(workspace), unassigned);
    }

    private static LicenseResult result(String upn, Slot s, ErrorCode code, java.util.SortedSet<String> plans) {
        return new LicenseResult(upn, s.product.sku, s.outcome, code, plans);
    }
}
