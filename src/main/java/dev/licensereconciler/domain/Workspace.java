package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The working state of one run: the products (with seats and interned plan selections) and, per
 * user, the slots of products the user holds or is entitled to. It is the one home of the changes
 * both the nightly job and the bulk import make ({@link #assign}, {@link #remove}, {@link #update}):
 * the checks of R6, then the seats of R7; the runs decide only what to change and in which order.
 */
final class Workspace {

    /** As many distinct license objects as the snapshot shares; beyond that, caching would not pay. */
    private static final int MAX_CACHED = 10_000;
    /** A license's group paths (R3a), as bits: one through the group of a rule of the job, one inherited. */
    private static final int RULE_GROUP_PATH = 1;
    private static final int INHERITED_PATH = 2;

    final TenantSnapshot snapshot;
    final PlanUniverse universe;
    private final ChangeChecks checks;
    private final int inactiveDays;
    private final Map<String, ProductState> products = new HashMap<>();
    private final List<ProductState> productList = new ArrayList<>();
    private final Slot[] heads;
    private int slotCount;

    private Workspace(TenantSnapshot snapshot, Policies policies) {
        this.snapshot = snapshot;
        this.universe = new PlanUniverse(snapshot.catalog(), snapshot.planRules());
        this.heads = new Slot[snapshot.userCount()];
        this.checks = new ChangeChecks(this, policies);
        this.inactiveDays = policies.inactiveDays();
    }

    /**
     * Loads current licenses and (R1, R2) what the rules entitle each user to. {@code moreSkus}
     * registers products only a bulk request names, so every product has its SKU rank up front.
     */
    static Workspace load(TenantSnapshot snapshot, Policies policies, Collection<String> moreSkus,
                          ManagedLicenses record) {
        Workspace w = new Workspace(snapshot, policies);
        for (Subscription s : snapshot.subscriptions()) {
            w.register(s.sku()).addSubscription(s);
        }
        for (LicenseRule r : snapshot.rules()) {
            ProductState p = w.register(r.sku());
            p.namedByRule = p.product != null;
        }
        int n = snapshot.userCount();
        // The snapshot shares equal licenses, so most are seen before: register each object once.
        Map<CurrentLicense, Boolean> seen = new IdentityHashMap<>();
        for (int u = 0; u < n; u++) {
            for (CurrentLicense l : snapshot.licensesOf(u)) {
                if (seen.size() >= MAX_CACHED || seen.put(l, Boolean.TRUE) == null) {
                    w.register(l.sku());
                }
            }
        }
        moreSkus.forEach(w::register);
        w.rankProducts();
        w.loadLicenses(record);
        w.loadEntitlements();
        return w;
    }

    private ProductState register(String sku) {
        String k = Keys.normalize(sku);
        ProductState p = products.get(k);
        if (p == null) {
            Product product = snapshot.catalog().product(sku).orElse(null);
            String canonical = product == null ? sku.trim() : product.skuId();
            // A GUID and a String_Id of the same product must share one state.
            p = products.get(Keys.normalize(canonical));
            if (p == null) {
                p = new ProductState(canonical, product, universe);
                products.put(Keys.normalize(canonical), p);
                productList.add(p);
            }
            products.put(k, p);
        }
        return p;
    }

    private void rankProducts() {
        productList.sort(Comparator.comparing((ProductState p) -> p.sku));
        for (int i = 0; i < productList.size(); i++) {
            productList.get(i).rank = i;
        }
    }

    private void loadLicenses(ManagedLicenses record) {
        Map<ProductState, Set<String>> ruleGroups = new HashMap<>();
        for (List<LicenseRule> rules : List.of(snapshot.rules(), snapshot.frozenRules())) {
            for (LicenseRule r : rules) {
                // known(): a product only a frozen rule names is registered by no one, and nobody holds it here.
                ProductState p = known(r.sku());
                if (p != null) {
                    ruleGroups.computeIfAbsent(p, k -> new HashSet<>()).add(snapshot.groupKey(r.group()));
                }
            }
        }
        // Product and plan selection per license object (the snapshot shares equal licenses);
        // the selection is looked up where it always was, so selections are created in the same order.
        Map<CurrentLicense, ProductState> productOf = new IdentityHashMap<>();
        Map<CurrentLicense, PlanSelection> selectionOf = new IdentityHashMap<>();
        // Which kinds of group path a license object has (R3a): found once per shared object, not per user.
        Map<CurrentLicense, Integer> pathsOf = new IdentityHashMap<>();
        for (int u = 0; u < heads.length; u++) {
            for (CurrentLicense l : snapshot.licensesOf(u)) {
                ProductState p = productOf.get(l);
                if (p == null) {
                    p = product(l.sku());
                    if (productOf.size() < MAX_CACHED) {
                        productOf.put(l, p);
                    }
                }
                Slot s = slot(u, p);
                if (s.start != null) {
                    continue; // the same product twice: ingest reports it, one seat counts
                }
                PlanSelection start = selectionOf.get(l);
                if (start == null) {
                    start = p.select(l.disabledPlans());
                    if (selectionOf.size() < MAX_CACHED) {
                        selectionOf.put(l, start);
                    }
                }
                s.start = start;
                s.now = s.start;
                Integer paths = pathsOf.get(l);
                if (paths == null) {
                    paths = groupPaths(l, ruleGroups.getOrDefault(p, Set.of()));
                    if (pathsOf.size() < MAX_CACHED) {
                        pathsOf.put(l, paths);
                    }
                }
                s.byRuleGroup = (paths & RULE_GROUP_PATH) != 0;
                s.inherited = (paths & INHERITED_PATH) != 0;
                s.alsoDirect = l.direct() && !l.isDirect();
                s.managedAtStart = !s.inherited && (s.byRuleGroup || l.direct() && record.manages(u, p.sku));
                s.managed = s.managedAtStart || s.inherited;
                p.heldAtStart();
            }
        }
    }

    /** RULE_GROUP_PATH and/or INHERITED_PATH: whether a group path's group is one a job's rule names for the product. */
    private int groupPaths(CurrentLicense l, Set<String> jobGroups) {
        int paths = 0;
        for (String g : l.groups()) {
            paths |= jobGroups.contains(snapshot.groupKey(g)) ? RULE_GROUP_PATH : INHERITED_PATH;
        }
        return paths;
    }

    private void loadEntitlements() {
        for (LicenseRule rule : snapshot.rules()) {
            ProductState p = product(rule.sku());
            if (p.product == null) {
                continue; // unknown product: an input error ingest reports; nothing to assign
            }
            PlanSelection granted = p.select(rule.disabledPlans());
            // Membership exports may repeat a member; merging twice changes nothing.
            for (int u : snapshot.membersOf(rule.group())) {
                Slot s = slot(u, p);
                s.desired = s.desired == null ? granted : p.union(s.desired, granted);
                s.priority = Math.min(s.priority, rule.priority());
            }
        }
    }

    ProductState product(String sku) {
        ProductState p = products.get(Keys.normalize(sku));
        return p != null ? p : register(sku);
    }

    /** The product's state when the run knows the product; null otherwise (nothing is registered). */
    ProductState known(String sku) {
        return products.get(Keys.normalize(sku));
    }

    List<ProductState> productsBySku() {
        return productList;
    }

    /**
     * A new assignment of these plans, after the checks of R6 and with a seat (R7); {@code byRule}
     * tells a rule-based assignment (the nightly job: managed from now on, and the job's
     * defaultUsageLocation stands in) from a direct one (a bulk import).
     */
    Optional<Refusal> assign(Slot s, PlanSelection plans, boolean byRule) {
        Optional<Refusal> refusal = checks.assignment(s, plans, byRule);
        if (refusal.isPresent()) {
            return refusal;
        }
        if (!s.product.claimSeat()) {
            return Optional.of(Refusal.NO_SEAT);
        }
        s.now = plans;
        s.managed = byRule;
        return Optional.empty();
    }

    /** Removes the license unless R6 refuses; its seat is free at once. No longer pending either way. */
    Optional<Refusal> remove(Slot s) {
        Optional<Refusal> refusal = checks.removal(s);
        s.pendingRemoval = false;
        if (refusal.isEmpty()) {
            s.now = null;
            s.product.releaseSeat();
        }
        return refusal;
    }

    /** Changes the enabled plans of a held license unless R6 refuses; it keeps its seat. */
    Optional<Refusal> update(Slot s, PlanSelection plans) {
        Optional<Refusal> refusal = checks.update(s, plans);
        if (refusal.isEmpty()) {
            s.now = plans;
        }
        return refusal;
    }

    /** Slots created so far: an upper bound of the results a run reports. */
    int slotCount() {
        return slotCount;
    }

    Slot first(int user) {
        return heads[user];
    }

    Slot find(int user, ProductState p) {
        for (Slot s = heads[user]; s != null; s = s.next) {
            if (s.product == p) {
                return s;
            }
        }
        return null;
    }

    /** The user's slot for the product, created in SKU position when missing. */
    Slot slot(int user, ProductState p) {
        Slot prev = null;
        Slot s = heads[user];
        while (s != null && s.product.rank < p.rank) {
            prev = s;
            s = s.next;
        }
        if (s != null && s.product == p) {
            return s;
        }
        Slot created = new Slot(slotCount++, user, p);
        created.next = s;
        if (prev == null) {
            heads[user] = created;
        } else {
            prev.next = created;
        }
        return created;
    }

    TenantUser user(int index) {
        return snapshot.user(index);
    }

    String upn(int index) {
        return snapshot.upn(index);
    }

    /**
     * R3, R11: why a <em>kept</em> license (held at the start and still held) could be reclaimed; null when
     * it is in use as meant, or when it was not kept (a license this run assigns is not reclaimable:
     * R8 tells kept from assigned, and a blocked account only gets one when the job allows it).
     */
    ErrorCode reclaimableReason(Slot s) {
        if (s.start == null || s.now == null) {
            return null;
        }
        if (snapshot.blocked(s.user)) {
            return ErrorCode.ACCOUNT_BLOCKED;
        }
        if (s.inherited) {
            // The tenant's own group entitles the user: not NOT_ENTITLED, whatever the job's rules say.
            return s.alsoDirect ? ErrorCode.ALSO_DIRECT : inactive(s.user) ? ErrorCode.INACTIVE : null;
        }
        if (s.desired == null && s.product.namedByRule) {
            return ErrorCode.NOT_ENTITLED;
        }
        return inactive(s.user) ? ErrorCode.INACTIVE : null;
    }

    /** R11: the activity report shows the user without activity for the job's inactiveDays. */
    boolean inactive(int user) {
        return snapshot.daysInactive(user) >= inactiveDays;
    }
}
