package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

    /**
     * What the nightly job means to do with a (user, product) (R4, R11). REMOVE_DIRECT takes away
     * the direct path of a license an inherited path keeps: the license and its seat stay.
     */
    private enum Intent { REMOVE, REMOVE_DIRECT, UPDATE, ASSIGN }

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
        return reconcile(snapshot, ManagedLicenses.none(), InactivityNotices.none());
    }

    /** Reconciles with the job's record of the licenses it manages (R3), as of the start of the run. */
    public ReconciliationResult reconcile(TenantSnapshot snapshot, ManagedLicenses record) {
        return reconcile(snapshot, record, InactivityNotices.none());
    }

    /** {@code notices}: what the job's last published run said it would reclaim for inactivity. */
    public ReconciliationResult reconcile(TenantSnapshot snapshot, InactivityNotices notices) {
        return reconcile(snapshot, ManagedLicenses.none(), notices);
    }

    /**
     * With the job's record of the licenses it manages (R3), as of the start of the run, and what
     * the job's last published run said it would reclaim for inactivity (R11).
     */
    public ReconciliationResult reconcile(TenantSnapshot snapshot, ManagedLicenses record, InactivityNotices notices) {
        Workspace workspace = Workspace.load(snapshot, policies, List.of(), record);
        Inactivity inactivity = new Inactivity(notices);
        UserOrder order = UserOrder.all(snapshot);
        Decision[] decisions = new Decision[workspace.slotCount()];
        List<Slot> candidates = new ArrayList<>();

        // Removals and updates, user by user in (UPN, SKU) order: they only touch the user's own
        // licenses and free seats, so doing them per user equals doing all removals, then all updates.
        for (int r = 0; r < order.size(); r++) {
            int user = order.userAt(r);
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                decisions[s.id] = decide(workspace, s, inactivity);
            }
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                Decision d = decisions[s.id];
                if (d != null && d.intent == Intent.REMOVE) {
                    d.settle(workspace.remove(s), Outcome.UNASSIGN);
                } else if (d != null && d.intent == Intent.REMOVE_DIRECT) {
                    // Nothing depends on it: the license, its plans and its seat stay through the group.
                    d.settle(Optional.empty(), Outcome.UNASSIGN);
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
        return report(workspace, order, decisions, record, inactivity);
    }

    /**
     * R11 for inactivity: a license reclaim: inactive would remove is removed only once
     * {@code noticeRuns} published runs have reported it; until then this run reports it (a
     * notice). The notices a run gives are kept per run, so the record as it was when this run
     * started is the last published run's.
     */
    private final class Inactivity {
        private final String runId;
        private final Map<String, InactiveNotice> prior;
        /** Slots this run gives notice of (not yet due), or whose due removal was refused. */
        private final List<Slot> noticed = new ArrayList<>();

        Inactivity(InactivityNotices notices) {
            this.runId = notices.runId();
            this.prior = notices.byKey();
        }

        InactiveNotice prior(Workspace w, Slot s) {
            return prior.get(InactivityNotices.key(w.upn(s.user), s.product.sku));
        }

        /** Whether the removal is due now; otherwise the slot gets a notice. */
        boolean due(Workspace w, Slot s) {
            InactiveNotice p = prior(w, s);
            return (p == null ? 0 : p.runs()) >= policies.noticeRuns();
        }

        List<InactiveNotice> notices(Workspace w, Decision[] decisions) {
            List<InactiveNotice> out = new ArrayList<>(noticed.size());
            for (Slot s : noticed) {
                Decision d = decisions[s.id];
                if (d != null && d.outcome == Outcome.UNASSIGN) {
                    continue;
                }
                InactiveNotice p = prior(w, s);
                // A due removal that R6 refused stays due; otherwise one more run has reported it.
                int runs = d != null ? Math.max(1, p == null ? 0 : p.runs()) : (p == null ? 0 : p.runs()) + 1;
                out.add(new InactiveNotice(w.upn(s.user), s.product.sku, p == null ? runId : p.firstRun(), runs,
                        w.snapshot.lastActive(s.user), runs >= policies.noticeRuns()));
            }
            return out;
        }
    }

    /** R3, R4, R11; null when the license stays as it is. */
    private Decision decide(Workspace workspace, Slot s, Inactivity inactivity) {
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
        if (s.inherited) {
            // R3a: Entra owns it; it satisfies a rule for the product, and only its direct path may go.
            return s.alsoDirect && policies.reclaim().reclaimsDirectDuplicates()
                    ? new Decision(Intent.REMOVE_DIRECT, ErrorCode.ALSO_DIRECT) : null;
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
        } else if (policies.reclaim().reclaimsInactive() && workspace.inactive(s.user)) {
            // Only a license no rule gives: the next run would give a rule's license back.
            boolean due = inactivity.due(workspace, s);
            inactivity.noticed.add(s);
            d = due ? new Decision(Intent.REMOVE, ErrorCode.INACTIVE) : null;
        } else {
            d = null;
        }
        s.pendingRemoval = d != null && d.intent == Intent.REMOVE;
        return d;
    }

    private ReconciliationResult report(Workspace workspace, UserOrder order, Decision[] decisions,
                                        ManagedLicenses record, Inactivity inactivity) {
        List<LicenseResult> results = new ArrayList<>(workspace.slotCount());
        List<ManagedChange> recordChanges = new ArrayList<>();
        List<Problem> refusals = new ArrayList<>();
        ActionPlanner planner = new ActionPlanner();
        int unassigned = 0;
        for (int r = 0; r < order.size(); r++) {
            int user = order.userAt(r);
            String upn = workspace.upn(user);
            for (Slot s = workspace.first(user); s != null; s = s.next) {
                recordChange(workspace, s, record, recordChanges);
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
        endUnheld(workspace, record, recordChanges);
        return new ReconciliationResult(planner.build(policies.batchSize(), order, workspace.snapshot), results,
                refusals, ShortfallReport.build(workspace), unassigned, recordChanges,
                inactivity.notices(workspace, decisions));
    }

    /**
     * The record keeps what the job manages after the run and the export cannot show: licenses it
     * assigned or adopted, held directly. One held through a rule's group shows it in the export.
     */
    private static void recordChange(Workspace workspace, Slot s, ManagedLicenses record, List<ManagedChange> changes) {
        // An entry may stand for a license the user does not hold yet: planned, not yet carried out.
        boolean before = record.manages(s.user, s.product.sku);
        boolean after = s.now != null && s.managed && !s.inherited && !s.byRuleGroup;
        if (before != after) {
            TenantUser user = workspace.user(s.user);
            changes.add(after ? ManagedChange.start(user, s.product.sku) : ManagedChange.end(user, s.product.sku));
        }
    }

    /**
     * Entries no slot stands for end: licenses their users neither hold nor are entitled to, of
     * users or products the snapshot lacks.
     */
    private static void endUnheld(Workspace workspace, ManagedLicenses record, List<ManagedChange> changes) {
        changes.addAll(record.unmatched());
        record.byProduct().forEach((sku, users) -> {
            ProductState p = workspace.known(sku);
            for (int u = users.nextSetBit(0); u >= 0; u = users.nextSetBit(u + 1)) {
                Slot s = p == null ? null : workspace.find(u, p);
                if (s == null) {
                    changes.add(ManagedChange.end(workspace.user(u), p == null ? sku : p.sku));
                }
            }
        });
    }

    private static LicenseResult result(String upn, Slot s, Outcome outcome, ErrorCode code, SortedSet<String> plans) {
        return new LicenseResult(upn, s.product.sku, outcome, code, plans);
    }
}
