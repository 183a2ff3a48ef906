package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bulk import (PRODUCT.md §7): carries out requests.csv in file order, each request item (one
 * user, one product) checked as in R6/R7 against the state the earlier items left. Every current
 * license holds a seat from the start and a removal frees it at once; licenses it assigns are
 * direct; the job's defaultUsageLocation does not apply.
 *
 * <p>results.csv holds one row per request item, as §7 says: the licenses a REPLACE removes are
 * not items of its row, so they show in actions.csv (the net change) and, when a removal is
 * refused, in errors.csv with the row's line. SET_SERVICES of a rule-managed license is always
 * INHERITED_LICENSE, as §7 says ("as for UNASSIGN"); only ASSIGN has the "unless nothing would
 * change" exception. Where the contract is silent: a refused update keeps the old plans.
 */
public final class BulkImporter {

    static final String REQUESTS_FILE = "requests.csv";

    private final Policies policies;

    public BulkImporter(Policies policies) {
        this.policies = policies;
    }

    public ReconciliationResult run(TenantSnapshot snapshot, List<LicenseRequest> requests) {
        Set<String> skus = new LinkedHashSet<>();
        requests.forEach(r -> skus.addAll(r.skus()));
        Workspace workspace = Workspace.load(snapshot, policies, skus, ManagedLicenses.none());
        Run run = new Run(workspace);
        for (LicenseRequest request : requests) {
            run.carryOut(request);
        }
        return run.report(policies.batchSize());
    }

    /** The state of one import while its rows are carried out. */
    private static final class Run {
        private final Workspace workspace;
        private final List<LicenseResult> results = new ArrayList<>();
        private final List<PendingProblem> problems = new ArrayList<>();
        private final boolean[] touched;
        private final IntList touchedUsers = new IntList();

        Run(Workspace workspace) {
            this.workspace = workspace;
            this.touched = new boolean[workspace.snapshot.userCount()];
        }

        void carryOut(LicenseRequest request) {
            int user = workspace.snapshot.userIndex(request.user());
            if (user < 0) {
                // Ingest skips such rows; reported here too so a row is never silently lost.
                problems.add(new PendingProblem(Problem.inFile(REQUESTS_FILE, request.line(), ErrorCode.UNKNOWN_USER,
                        "User \"" + request.user() + "\" is not in users.csv; the row was skipped.",
                        "Correct the user's UPN in the request, or export the users again.")));
                return;
            }
            List<ProductState> products = new ArrayList<>();
            for (String sku : request.skus()) {
                ProductState p = workspace.product(sku);
                if (p.product == null) {
                    problems.add(new PendingProblem(Problem.inFile(REQUESTS_FILE, request.line(), ErrorCode.UNKNOWN_SKU,
                            "Product \"" + sku + "\" is not in the catalog; the row was skipped.",
                            "Correct the product's String_Id in the request.")));
                    return;
                }
                products.add(p);
            }
            if (!touched[user]) {
                touched[user] = true;
                touchedUsers.add(user);
            }
            Item item = new Item(request, user, workspace.upn(user));
            switch (request.action()) {
                case ASSIGN -> products.forEach(p -> assign(item, p));
                case UNASSIGN -> products.forEach(p -> unassign(item, p));
                case SET_SERVICES -> products.forEach(p -> setServices(item, p));
                case REPLACE -> replace(item, products);
            }
        }

        /** Removes every direct license the row does not list (SKU order), then assigns the listed ones. */
        private void replace(Item item, List<ProductState> listed) {
            List<Slot> removals = new ArrayList<>();
            for (Slot s = workspace.first(item.user); s != null; s = s.next) {
                if (s.heldNow() && !s.managed && !listed.contains(s.product)) {
                    s.pendingRemoval = true; // licenses leaving together do not hold each other back
                    removals.add(s);
                }
            }
            for (Slot s : removals) {
                remove(item, s, false);
            }
            listed.stream().distinct().sorted(Comparator.comparingInt((ProductState p) -> p.rank))
                    .forEach(p -> assign(item, p));
        }

        private void assign(Item item, ProductState p) {
            PlanSelection wanted = p.select(item.request.disabledPlans());
            Slot s = workspace.slot(item.user, p);
            if (!s.heldNow()) {
                newAssignment(item, s, wanted);
            } else if (wanted == s.now) {
                record(item, s, Outcome.KEEP, null, s.now);
            } else if (s.managed) {
                refuse(item, s, inherited(item, s), s.now);
            } else {
                update(item, s, wanted);
            }
        }

        private void unassign(Item item, ProductState p) {
            Slot s = workspace.find(item.user, p);
            if (s == null || !s.heldNow()) {
                refuse(item, s != null ? s : workspace.slot(item.user, p), Wording.notAssigned(p, item.upn()), null);
            } else if (s.managed) {
                refuse(item, s, inherited(item, s), s.now);
            } else {
                remove(item, s, true);
            }
        }

        private void setServices(Item item, ProductState p) {
            PlanSelection wanted = p.select(item.request.disabledPlans());
            Slot s = workspace.find(item.user, p);
            if (s == null || !s.heldNow()) {
                // §5: disabledPlans as after the run; the user still lacks the license, so none.
                refuse(item, s != null ? s : workspace.slot(item.user, p), Wording.notAssigned(p, item.upn()), null);
            } else if (s.managed) {
                // §7: INHERITED_LICENSE "as for UNASSIGN", even when the plans would not change.
                refuse(item, s, inherited(item, s), s.now);
            } else if (wanted == s.now) {
                record(item, s, Outcome.KEEP, null, s.now);
            } else {
                update(item, s, wanted);
            }
        }

        private void newAssignment(Item item, Slot s, PlanSelection wanted) {
            Optional<Refusal> refused = workspace.assign(s, wanted, false);
            if (refused.isPresent()) {
                refuse(item, s, refused.get(), wanted);
            } else {
                record(item, s, Outcome.ASSIGN, null, wanted);
            }
        }

        /** {@code itemOfRow}: false for the removals a REPLACE makes besides its listed products. */
        private void remove(Item item, Slot s, boolean itemOfRow) {
            Optional<Refusal> refused = workspace.remove(s);
            if (refused.isPresent() && itemOfRow) {
                refuse(item, s, refused.get(), s.now);
            } else if (refused.isPresent()) {
                problems.add(new PendingProblem(item.request.line(), item.upn(), s.product, refused.get()));
            } else if (itemOfRow) {
                record(item, s, Outcome.UNASSIGN, null, null);
            }
        }

        private void update(Item item, Slot s, PlanSelection wanted) {
            Optional<Refusal> refused = workspace.update(s, wanted);
            if (refused.isPresent()) {
                refuse(item, s, refused.get(), s.now);
            } else {
                record(item, s, Outcome.UPDATE_SERVICES, null, wanted);
            }
        }

        private Refusal inherited(Item item, Slot s) {
            String group = "";
            for (CurrentLicense l : workspace.snapshot.licensesOf(item.user)) {
                if (workspace.product(l.sku()) == s.product && l.assignedBy() != null) {
                    group = l.assignedBy();
                }
            }
            return Wording.inherited(s.product, item.upn(), group);
        }

        private void refuse(Item item, Slot s, Refusal refusal, PlanSelection shown) {
            record(item, s, Outcome.FAILED, refusal.code(), shown);
            problems.add(new PendingProblem(item.request.line(), item.upn(), s.product, refusal));
        }

        private void record(Item item, Slot s, Outcome outcome, ErrorCode code, PlanSelection plans) {
            results.add(new LicenseResult(item.upn(), s.product.sku, outcome, code,
                    plans == null ? Plans.none() : plans.disabled));
        }

        ReconciliationResult report(int batchSize) {
            int[] users = touchedUsers.toArray();
            UserOrder order = UserOrder.of(workspace.snapshot, users);
            ActionPlanner planner = new ActionPlanner();
            int unassigned = 0;
            // actions.csv: the net change from the starting state to the final one.
            for (int user : users) {
                for (Slot s = workspace.first(user); s != null; s = s.next) {
                    if (s.start != null && s.now == null) {
                        planner.add(Operation.UNASSIGN, s.product.none(), user);
                        unassigned++;
                    } else if (s.start == null && s.now != null) {
                        planner.add(Operation.ASSIGN, s.now, user);
                    } else if (s.start != s.now) {
                        planner.add(Operation.UPDATE_SERVICES, s.now, user);
                    }
                }
            }
            List<Problem> refusals = problems.stream().map(PendingProblem::toProblem).toList();
            return new ReconciliationResult(planner.build(batchSize, order, workspace.snapshot), results, refusals,
                    ShortfallReport.build(workspace), unassigned);
        }
    }

    /** One request row being carried out; the UPN as users.csv spells it. */
    private record Item(LicenseRequest request, int user, String upn) {
    }

    /** A problem of the import; a seat shortage is worded only once the import is done. */
    private record PendingProblem(Problem ready, int line, String upn, ProductState product, Refusal refusal) {

        PendingProblem(Problem ready) {
            this(ready, 0, null, null, null);
        }

        PendingProblem(int line, String upn, ProductState product, Refusal refusal) {
            this(null, line, upn, product, refusal);
        }

        Problem toProblem() {
            if (ready != null) {
                return ready;
            }
            Refusal r = refusal.worded(product);
            return new Problem(REQUESTS_FILE, line, upn, product.sku, r.code(), r.message(), r.fix());
        }
    }
}
