package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

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

    /** What the nightly job means to do with a (user, product) (R4, R11). */
    private enum Intent { REMOVE, UPDATE, ASSIGN }

    /**
     * The job's bookkeeping about one slot it changes. Slots it leaves as they are (most of a
     * tenant) have none, so a million users cost no objects for it.
     */
    private static final class Decision {
        final Intent intent;
        /** Why a reclaim policy removes it (R11); null for an ordinary removal. */
        final ErrorCode reclaimReason;
        Outcome outcome = Outcome.KEEP;
        /** Set when the outcome is FAILED. */
        Refusal refusal;

        Decision(Intent intent, ErrorCode reclaimReason) {
            this.intent = intent;
            this.reclaimReason = reclaimReason;
        }

        /** The change was carried out ({@code done}) or refused. */
        void settle(Optional<Refusal> refused, Outcome done) {
            outcome = refused.isPresent() ? Outcome.FAILED : done;
            refusal = refused.orElse(null);
        }
    }

    private final Policies policies;

    public Reconciler(Policies policies) {
        this.policies = policies;
    }

    public ReconciliationResult reconcile(TenantSnapshot snapshot) {
        Workspace workspace = Workspace.load(snapshot, policies, List.of());
        UserOrder order = UserOrder.all(snapshot);
        Decision[] decisions = new Decision[workspace.slotCount()];
        List<Slot> candidates = new ArrayList<>();

        // Removals and updates, user by user in (UPN, SKU) order: they only touch the user's own
        // licenses and free seats, so doing them per user equals doing all removals, then all updates.
        for (int r = 0; r < order.size(); r++) {
            int user = order.userAt(r);
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                decisions[s.id] = decide(workspace, s);
            }
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                Decision d = decisions[s.id];
                if (d != null && d.intent == Intent.REMOVE) {
                    d.settle(workspace.remove(s), Outcome.UNASSIGN);
                }
            }
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                Decision d = decisions[s.id];
                if (d != null && d.intent == Intent.UPDATE) {
                    d.settle(workspace.update(s, s.desired), Outcome.UPDATE_SERVICES);
                } else if (d != null && d.intent == Intent.ASSIGN) {
                    candidates.add(s);
                }
            }
        }

        // R5: new assignments by (priority, UPN, SKU); candidates were collected in (UPN, SKU) order.
        candidates.sort(Comparator.comparingInt((Slot s) -> s.priority));
        for (Slot s : candidates) {
            decisions[s.id].settle(workspace.assign(s, s.desired, true), Outcome.ASSIGN);
        }
        return report(workspace, order, decisions);
    }

    /** R3, R4, R11; null when the license stays as it is. */
    private Decision decide(Workspace workspace, Slot s) {
        if (workspace.snapshot.frozen(s.user, s.product.sku)) {
            // RULE_UNREADABLE: a rule row for this product and one of the user's groups could not be read, so
            // nothing about this license changes (no removal, update, reclaim or assignment); held, it counts
            // as entitled to what it has.
            s.desired = s.start;
            return null;
        }
        if (s.start == null) {
            return s.desired == null ? null : new Decision(Intent.ASSIGN, null);
        }
        Decision d;
        if (workspace.snapshot.blocked(s.user) && policies.reclaim().reclaimsBlocked()) {
            d = new Decision(Intent.REMOVE, ErrorCode.ACCOUNT_BLOCKED);
        } else if (s.desired != null) {
            s.managed = true; // a manual license of an entitled product is managed from now on
            d = s.desired == s.start ? null : new Decision(Intent.UPDATE, null);
        } else if (s.managedAtStart) {
            d = new Decision(Intent.REMOVE, null);
        } else if (s.product.namedByRule && policies.reclaim().reclaimsNotEntitled()) {
            d = new Decision(Intent.REMOVE, ErrorCode.NOT_ENTITLED);
        } else {
            d = null;
        }
        s.pendingRemoval = d != null && d.intent == Intent.REMOVE;
        return d;
    }

    private ReconciliationResult report(Workspace workspace, UserOrder order, Decision[] decisions) {
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
                Decision d = decisions[s.id];
                Outcome outcome = d == null ? Outcome.KEEP : d.outcome;
                switch (outcome) {
                    case KEEP -> results.add(result(upn, s, outcome, reason, s.now.disabled));
                    case UPDATE_SERVICES -> {
                        results.add(result(upn, s, outcome, reason, s.now.disabled));
                        planner.add(Operation.UPDATE_SERVICES, s.now, user);
                    }
                    case ASSIGN -> {
                        results.add(result(upn, s, outcome, reason, s.now.disabled));
                        planner.add(Operation.ASSIGN, s.now, user);
                    }
                    case UNASSIGN -> {
                        results.add(result(upn, s, outcome, d.reclaimReason, Plans.none()));
                        planner.add(Operation.UNASSIGN, s.product.none(), user);
                        unassigned++;
                    }
                    case FAILED -> {
                        // A refused assignment shows the plans it would have had; a refused removal or update the
                        // current ones.
                        PlanSelection shown = s.now != null ? s.now : s.desired;
                        results.add(result(upn, s, outcome, d.refusal.code(), shown.disabled));
                        Refusal refusal = d.refusal.worded(s.product);
                        refusals.add(Problem.refusal(upn, s.product.sku, refusal.code(), refusal.message(),
                                refusal.fix()));
                    }
                }
            }
        }
        return new ReconciliationResult(planner.build(policies.batchSize(), order, workspace.snapshot), results,
                refusals, ShortfallReport.build(workspace), unassigned);
    }

    private static LicenseResult result(String upn, Slot s, Outcome outcome, ErrorCode code, SortedSet<String> plans) {
        return new LicenseResult(upn, s.product.sku, outcome, code, plans);
    }
}
