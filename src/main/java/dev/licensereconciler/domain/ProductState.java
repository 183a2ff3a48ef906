package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a run knows and counts about one product: its catalog entry and subscriptions (R7, R8),
 * the seats in use as the run goes, and its interned plan selections.
 */
final class ProductState {

    final String sku;
    /** Null when the catalog does not know the product. */
    final Product product;
    final List<Subscription> subscriptions = new ArrayList<>();
    boolean namedByRule;
    /** Position in SKU order; set once every product of the run is known. */
    int rank;

    // What the subscriptions provide (R6, R7).
    private int capacity;
    private boolean anyAdmin;
    private boolean anyActiveAdmin;
    private boolean anySelfService;

    // The seats as the run goes (R7, R8); only the methods below change them.
    /** Seats in use: starts at the licenses held, a removal frees one, a grant takes one. */
    private int occupied;
    private int assignedBefore;
    private int requested;
    private int countViolations;

    private final PlanUniverse universe;
    private final Map<SortedSet<String>, PlanSelection> byRaw = new HashMap<>();
    private final Map<SortedSet<String>, PlanSelection> byNormalized = new HashMap<>();
    private final Map<Long, PlanSelection> intersections = new HashMap<>();
    private final List<PlanSelection> selections = new ArrayList<>();
    /** Catalog plans as plan numbers, in catalog order. */
    private final int[] planIds;

    ProductState(String sku, Product product, PlanUniverse universe) {
        this.sku = sku;
        this.product = product;
        this.universe = universe;
        this.planIds = product == null ? new int[0]
                : product.plans().stream().mapToInt(p -> universe.id(p.name())).toArray();
    }

    void addSubscription(Subscription s) {
        subscriptions.add(s);
        capacity += s.adminSeats();
        if (s.channel() == PurchaseChannel.ADMIN) {
            anyAdmin = true;
            anyActiveAdmin |= s.status().providesSeats();
        } else {
            anySelfService = true;
        }
    }

    String displayName() {
        return product == null ? sku : product.displayName();
    }

    /** Only self-service purchases exist: an admin must take the subscription over first (R6). */
    boolean selfServiceOnly() {
        return !anyAdmin && anySelfService;
    }

    /** Admin subscriptions exist but every one is suspended, deleted or locked out (R6, R8). */
    boolean inactive() {
        return anyAdmin && !anyActiveAdmin;
    }

    /** Neither needs a purchase but a take-over or a reactivation, so neither shows a shortfall. */
    boolean noPurchaseHelps() {
        return selfServiceOnly() || inactive();
    }

    /** A license held at the start holds a seat from the start (R8's assignedBefore). */
    void heldAtStart() {
        occupied++;
        assignedBefore++;
    }

    /**
     * R7: a new assignment asks for a seat. It counts as requested either way; without a free seat
     * it is a count violation (which the shortfall includes) and false is returned.
     */
    boolean claimSeat() {
        requested++;
        if (occupied >= capacity) {
            countViolations++;
            return false;
        }
        occupied++;
        return true;
    }

    /** A removal frees its seat at once, for the assignments that follow. */
    void releaseSeat() {
        occupied--;
    }

    int capacity() {
        return capacity;
    }

    int occupied() {
        return occupied;
    }

    int assignedBefore() {
        return assignedBefore;
    }

    int requested() {
        return requested;
    }

    int shortfall() {
        return noPurchaseHelps() ? 0 : Math.max(0, occupied + countViolations - capacity);
    }

    /** The shared selection for these disabled plans; names the product lacks are dropped. */
    PlanSelection select(SortedSet<String> disabled) {
        PlanSelection s = byRaw.get(disabled);
        if (s != null) {
            return s;
        }
        SortedSet<String> normalized = normalize(disabled);
        s = byNormalized.get(normalized);
        if (s == null) {
            s = create(normalized);
            byNormalized.put(normalized, s);
        }
        byRaw.put(disabled, s);
        return s;
    }

    PlanSelection none() {
        return select(Plans.none());
    }

    /** R2: the union of enabled plans is the intersection of the disabled ones. */
    PlanSelection union(PlanSelection a, PlanSelection b) {
        if (a == b) {
            return a;
        }
        long key = a.id < b.id ? ((long) a.id << 32) | b.id : ((long) b.id << 32) | a.id;
        PlanSelection s = intersections.get(key);
        if (s == null) {
            TreeSet<String> common = new TreeSet<>(a.disabled);
            common.retainAll(b.disabled);
            s = select(Plans.copy(common));
            intersections.put(key, s);
        }
        return s;
    }

    private SortedSet<String> normalize(SortedSet<String> disabled) {
        if (product == null || disabled.isEmpty()) {
            return Plans.copy(disabled);
        }
        TreeSet<String> kept = new TreeSet<>();
        for (String name : disabled) {
            for (ServicePlan plan : product.plans()) {
                if (Keys.same(plan.name(), name) || Keys.same(plan.id(), name)) {
                    kept.add(plan.name());
                }
            }
        }
        return Plans.copy(kept);
    }

    private PlanSelection create(SortedSet<String> disabled) {
        TreeSet<Integer> enabled = new TreeSet<>();
        for (int i = 0; i < planIds.length; i++) {
            if (planIds[i] >= 0 && !disabled.contains(product.plans().get(i).name())) {
                enabled.add(planIds[i]);
            }
        }
        int[] on = enabled.stream().mapToInt(Integer::intValue).toArray();
        int[] requiring = enabled.stream().mapToInt(Integer::intValue)
                .filter(p -> universe.requirementsOf(p).length > 0).toArray();
        PlanSelection s = new PlanSelection(this, selections.size(), disabled, on, requiring);
        selections.add(s);
        return s;
    }
}
