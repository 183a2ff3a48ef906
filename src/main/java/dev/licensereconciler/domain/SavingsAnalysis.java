package dev.licensereconciler.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Works out a nightly run's {@link Savings} from the tenant and what the run decided: the licenses
 * each user holds after the run are those held at the start with the run's product actions
 * (removals, service updates, new licenses) carried out, which is exactly what applying the plan
 * leaves. Prices are the products' unit prices as shortfall.csv states them (per license and month).
 *
 * <p>Sized for a million users: one pass over the users, the cover of two licenses decided once per
 * distinct pair of (product, disabled plans), costs counted per (group, product) before pricing.
 */
public final class SavingsAnalysis {

    private static final BigDecimal FREE = BigDecimal.ZERO.setScale(2);

    private static final BigDecimal MONTHS_PER_YEAR = BigDecimal.valueOf(12);

    private final TenantSnapshot snapshot;
    private final ReconciliationResult result;
    private final PlanCoverage coverage;
    private final Map<String, Shortfall> productFigures = new HashMap<>();

    private SavingsAnalysis(TenantSnapshot snapshot, ReconciliationResult result, PlanCoverage coverage) {
        this.snapshot = snapshot;
        this.result = result;
        this.coverage = coverage;
        for (Shortfall s : result.shortfalls()) {
            productFigures.put(Keys.normalize(s.sku()), s);
        }
    }

    /** The savings of a nightly run (the rows of results.csv are one per user and product). */
    public static Savings of(TenantSnapshot snapshot, ReconciliationResult result, PlanCoverage coverage) {
        return new SavingsAnalysis(snapshot, result, coverage).analyse();
    }

    private Savings analyse() {
        List<Recommendation> recommendations = new ArrayList<>();
        Costs costs = new Costs();
        Overlaps overlaps = new Overlaps();
        Map<Integer, List<ProductAction>> changes = changesByUser();
        int n = snapshot.userCount();
        List<Held> held = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            heldAfter(u, changes.get(u), held);
            if (held.isEmpty()) {
                continue;
            }
            String department = snapshot.department(u);
            String location = snapshot.usageLocation(u);
            for (Held h : held) {
                costs.count(department, location, h.sku);
            }
            if (held.size() > 1) {
                overlaps.of(snapshot.upn(u), held, recommendations);
            }
        }
        recommendations.sort(Comparator.comparing((Recommendation r) -> r.user().toLowerCase(Locale.ROOT))
                .thenComparing(Recommendation::sku));
        return new Savings(surplus(), recommendations, costs.lines());
    }

    // ---- the licenses held after the run ------------------------------------------------------

    private record Held(String sku, SortedSet<String> disabled) {
    }

    /**
     * The run's changes per user, without the removals of a direct path an inherited group path
     * also holds (ALSO_DIRECT): those are UNASSIGN actions in the plan, but the license, its plans
     * and its seat stay through the group, so it is still held and paid for.
     */
    private Map<Integer, List<ProductAction>> changesByUser() {
        Map<Integer, Set<String>> directPathOnly = new HashMap<>();
        for (LicenseResult r : result.results()) {
            if (r.outcome() == Outcome.UNASSIGN && r.code() == ErrorCode.ALSO_DIRECT) {
                directPathOnly.computeIfAbsent(snapshot.userIndex(r.user()), k -> new HashSet<>(2))
                        .add(Keys.normalize(r.sku()));
            }
        }
        Map<Integer, List<ProductAction>> byUser = new HashMap<>();
        for (ProductAction a : result.actions()) {
            String sku = Keys.normalize(a.sku());
            for (String upn : a.users()) {
                int u = snapshot.userIndex(upn);
                if (a.operation() == Operation.UNASSIGN && directPathOnly.getOrDefault(u, Set.of()).contains(sku)) {
                    continue;
                }
                if (u >= 0) {
                    byUser.computeIfAbsent(u, k -> new ArrayList<>(2)).add(a);
                }
            }
        }
        return byUser;
    }

    private void heldAfter(int user, List<ProductAction> changes, List<Held> held) {
        held.clear();
        for (CurrentLicense l : snapshot.licensesOf(user)) {
            held.add(new Held(canonical(l.sku()), l.disabledPlans()));
        }
        if (changes == null) {
            return;
        }
        for (ProductAction a : changes) {
            String sku = canonical(a.sku());
            held.removeIf(h -> h.sku.equals(sku));
            if (a.operation() != Operation.UNASSIGN) {
                held.add(new Held(sku, a.disabledPlans()));
            }
        }
    }

    private String canonical(String sku) {
        Shortfall s = productFigures.get(Keys.normalize(sku));
        if (s != null) {
            return s.sku();
        }
        return snapshot.catalog().product(sku).map(Product::skuId).orElse(sku.trim());
    }

    private BigDecimal price(String sku) {
        Shortfall s = productFigures.get(Keys.normalize(sku));
        return s == null ? null : s.unitPrice();
    }

    private String currency(String sku) {
        Shortfall s = productFigures.get(Keys.normalize(sku));
        return s == null || s.unitPrice() == null ? null : s.currency();
    }

    private String productName(String sku) {
        return snapshot.catalog().product(sku).map(Product::displayName).orElse(sku);
    }

    // ---- surplus seats ---------------------------------------------------------------------------

    /**
     * Per product, the seats nobody holds after the run (licenses this run assigns are held; a
     * request refused for want of a seat still wants one), handed to its seat-providing
     * subscriptions in this order: those whose seats end anyway first (a trial, Warning, not
     * renewing: their free seats end harmlessly, and what they cannot absorb shows as licenses that
     * lose their seat), then the renewing ones by renewal date, soonest first (the first saving to
     * act on), unknown dates last; ties in file order.
     */
    private List<SurplusSeats> surplus() {
        Map<String, Integer> countViolations = new HashMap<>();
        for (LicenseResult r : result.results()) {
            if (r.outcome() == Outcome.FAILED && r.code() == ErrorCode.COUNT_VIOLATION) {
                countViolations.merge(Keys.normalize(r.sku()), 1, Integer::sum);
            }
        }
        Map<String, List<Subscription>> bySku = new TreeMap<>();
        for (Subscription s : snapshot.subscriptions()) {
            if (s.adminSeats() > 0) {
                bySku.computeIfAbsent(canonical(s.sku()), k -> new ArrayList<>()).add(s);
            }
        }
        List<SurplusSeats> rows = new ArrayList<>();
        bySku.forEach((sku, subscriptions) -> {
            Shortfall figures = productFigures.get(Keys.normalize(sku));
            if (figures == null) {
                return; // unknown to the catalog: ingest reported it
            }
            long wanted = (long) figures.assignedAfter() + countViolations.getOrDefault(Keys.normalize(sku), 0);
            long free = Math.max(0, figures.capacity() - wanted);
            List<Subscription> order = new ArrayList<>(subscriptions);
            order.sort(Comparator.comparing((Subscription s) -> !s.lapses())
                    .thenComparing(Subscription::renewalDate, Comparator.nullsLast(Comparator.naturalOrder())));
            for (Subscription s : order) {
                int unused = (int) Math.min(s.quantity(), free);
                free -= unused;
                rows.add(row(sku, figures, s, unused));
            }
        });
        return rows;
    }

    private SurplusSeats row(String sku, Shortfall figures, Subscription s, int unused) {
        boolean lapses = s.lapses();
        BigDecimal price = s.unitPrice() != null ? s.unitPrice().setScale(2, RoundingMode.HALF_UP) : figures.unitPrice();
        if (price == null && FreeOffers.isFree(sku)) {
            price = FREE; // Graph's export has no prices; Microsoft's free offers are known by name
        }
        // A free subscription (Power Automate Free, 10,000 seats) costs nothing to keep: nothing to cut.
        boolean free = price != null && price.signum() == 0;
        int cut = lapses || free ? 0 : unused;
        String currency = s.unitPrice() != null ? s.currency() : figures.currency();
        BigDecimal perYear = price == null || cut == 0 ? null
                : price.multiply(BigDecimal.valueOf(cut)).multiply(MONTHS_PER_YEAR).setScale(2, RoundingMode.HALF_UP);
        BigDecimal perTerm = price == null || cut == 0 || s.term() == null ? null
                : price.multiply(BigDecimal.valueOf((long) cut * s.term().months())).setScale(2, RoundingMode.HALF_UP);
        SurplusSeats.Callout callout = s.trial() ? SurplusSeats.Callout.TRIAL_ENDS
                : s.status() == SubscriptionStatus.WARNING ? SurplusSeats.Callout.IN_WARNING
                : Boolean.FALSE.equals(s.autoRenew()) ? SurplusSeats.Callout.NOT_RENEWING
                : cut > 0 ? SurplusSeats.Callout.CUT : null;
        return new SurplusSeats(sku, figures.product(), s.subscriptionId(), s.status(), s.term(), s.renewalDate(),
                s.autoRenew(), s.trial(), s.quantity(), unused, cut, cut > 0 ? s.renewalDate() : null,
                lapses ? s.quantity() : 0, lapses ? s.quantity() - unused : 0, s.purchasers(), price,
                price == null ? null : currency, perTerm, perYear, callout);
    }

    // ---- costs -----------------------------------------------------------------------------------

    /** Licenses counted per (group, product), priced once at the end: exact, and cheap per license. */
    private final class Costs {
        private final Map<String, Map<String, int[]>> byDepartment = new TreeMap<>();
        private final Map<String, Map<String, int[]>> byLocation = new TreeMap<>();
        private final Map<String, int[]> byProduct = new TreeMap<>();

        void count(String department, String location, String sku) {
            byDepartment.computeIfAbsent(department, k -> new HashMap<>()).computeIfAbsent(sku, k -> new int[1])[0]++;
            byLocation.computeIfAbsent(location, k -> new HashMap<>()).computeIfAbsent(sku, k -> new int[1])[0]++;
            byProduct.computeIfAbsent(sku, k -> new int[1])[0]++;
        }

        List<CostLine> lines() {
            List<CostLine> lines = new ArrayList<>();
            byDepartment.forEach((k, counts) -> add(lines, CostLine.Dimension.DEPARTMENT, k, counts));
            byLocation.forEach((k, counts) -> add(lines, CostLine.Dimension.USAGE_LOCATION, k, counts));
            byProduct.forEach((sku, count) -> add(lines, CostLine.Dimension.PRODUCT, sku, Map.of(sku, count)));
            return lines;
        }

        /** One line per currency of the group, in currency order; unpriced licenses last, in a line of their own. */
        private void add(List<CostLine> lines, CostLine.Dimension dimension, String key, Map<String, int[]> counts) {
            Map<String, BigDecimal> cost = new TreeMap<>();
            Map<String, Integer> licenses = new TreeMap<>();
            int unpriced = 0;
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                BigDecimal price = price(e.getKey());
                int count = e.getValue()[0];
                if (price == null) {
                    unpriced += count;
                    continue;
                }
                String currency = currency(e.getKey()) == null ? "" : currency(e.getKey());
                cost.merge(currency, price.multiply(BigDecimal.valueOf(count)), BigDecimal::add);
                licenses.merge(currency, count, Integer::sum);
            }
            cost.forEach((currency, amount) -> lines.add(new CostLine(dimension, key, licenses.get(currency),
                    currency.isEmpty() ? null : currency, amount.setScale(2, RoundingMode.HALF_UP))));
            if (unpriced > 0) {
                lines.add(new CostLine(dimension, key, unpriced, null, null));
            }
        }
    }

    // ---- products held twice over ------------------------------------------------------------------

    /**
     * Whether one license makes another redundant, decided once per distinct pair of (product,
     * disabled plans): a license's <em>services</em> are its enabled plans that are not supporting
     * plans; it <em>gives</em> its enabled plans and every lower tier they include. B is covered by A
     * when B has a service and A gives every one of them. A plan disabled on A is not given, so a
     * disabled plan breaks the cover, as it should.
     */
    private final class Overlaps {
        private final Map<Held, Integer> ids = new HashMap<>();
        private final List<BitSet> services = new ArrayList<>();
        private final List<BitSet> gives = new ArrayList<>();
        private final Map<String, Integer> planIds = new HashMap<>();
        private final Map<Long, Boolean> covers = new HashMap<>();

        void of(String upn, List<Held> held, List<Recommendation> out) {
            int n = held.size();
            int[] id = new int[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                id[i] = id(held.get(i));
                any |= id[i] >= 0;
            }
            if (!any) {
                return;
            }
            // Smallest first: the license with fewer services is the one another may cover.
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> id[i] < 0 ? Integer.MAX_VALUE
                    : services.get(id[i]).cardinality()).thenComparing(i -> held.get(i).sku));
            boolean[] dropped = new boolean[n];
            for (int bi = 0; bi < n; bi++) {
                int b = order[bi];
                if (id[b] < 0) {
                    continue;
                }
                for (int ai = n - 1; ai >= 0; ai--) {
                    int a = order[ai];
                    if (a == b || dropped[a] || id[a] < 0 || !covers(id[a], id[b])) {
                        continue;
                    }
                    if (covers(id[b], id[a]) && !dropFirst(held.get(b).sku, held.get(a).sku)) {
                        continue; // the same services both ways: drop the dearer one, the other stays
                    }
                    dropped[b] = true;
                    String sku = held.get(b).sku;
                    String keep = held.get(a).sku;
                    out.add(new Recommendation(Recommendation.Kind.OVERLAP, upn, sku, productName(sku), keep,
                            productName(keep), price(sku), currency(sku)));
                    break;
                }
            }
        }

        /** Of two licenses that cover each other, whether {@code x} is the one to drop: the dearer, else the later SKU. */
        private boolean dropFirst(String x, String y) {
            BigDecimal px = price(x) == null ? BigDecimal.ZERO : price(x);
            BigDecimal py = price(y) == null ? BigDecimal.ZERO : price(y);
            int c = px.compareTo(py);
            return c != 0 ? c > 0 : x.compareTo(y) > 0;
        }

        private boolean covers(int a, int b) {
            long key = ((long) a << 32) | b;
            Boolean known = covers.get(key);
            if (known == null) {
                BitSet need = (BitSet) services.get(b).clone();
                need.andNot(gives.get(a));
                known = !services.get(b).isEmpty() && need.isEmpty();
                covers.put(key, known);
            }
            return known;
        }

        /** The number of this (product, disabled plans); -1 for a product the catalog does not know. */
        private int id(Held h) {
            Integer known = ids.get(h);
            if (known != null) {
                return known;
            }
            Product product = snapshot.catalog().product(h.sku).orElse(null);
            int id = -1;
            if (product != null) {
                BitSet own = new BitSet();
                BitSet given = new BitSet();
                for (ServicePlan plan : product.plans()) {
                    if (disabled(h.disabled, plan)) {
                        continue;
                    }
                    int p = plan(plan.name());
                    given.set(p);
                    for (String lower : coverage.includedIn(plan.name())) {
                        given.set(plan(lower));
                    }
                    if (!coverage.supporting(plan.name())) {
                        own.set(p);
                    }
                }
                id = services.size();
                services.add(own);
                gives.add(given);
            }
            ids.put(h, id);
            return id;
        }

        private boolean disabled(SortedSet<String> disabled, ServicePlan plan) {
            for (String d : disabled) {
                if (Keys.same(d, plan.name()) || Keys.same(d, plan.id())) {
                    return true;
                }
            }
            return false;
        }

        private int plan(String name) {
            return planIds.computeIfAbsent(Keys.normalize(name), k -> planIds.size());
        }
    }
}
