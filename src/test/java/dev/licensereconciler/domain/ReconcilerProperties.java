package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of R7–R10 over random tenants (users, groups, rules, purchases, current licenses). */
class ReconcilerProperties {

    private static final String[] SKUS = {TestTenant.E1, TestTenant.E3, TestTenant.F3, TestTenant.EMS,
            TestTenant.PBI, TestTenant.AUDIO};
    private static final String[][] OPTIONAL_PLANS = {{}, {"SWAY"}, {"YAMMER_ENTERPRISE"}, {"TEAMS1"},
            {"SHAREPOINTENTERPRISE", "SHAREPOINTSTANDARD", "SHAREPOINTDESKLESS"}, {"EXCHANGE_S_STANDARD"}};

    /** A random tenant; the same seed always gives the same tenant. */
    static TestTenant tenant(long seed) {
        Random rnd = new Random(seed);
        TestTenant t = TestTenant.create();
        int users = 1 + rnd.nextInt(60);
        List<String> upns = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String upn = (rnd.nextBoolean() ? "User" : "user") + rnd.nextInt(1000) + "@x";
            if (upns.stream().anyMatch(u -> u.equalsIgnoreCase(upn))) {
                continue;
            }
            upns.add(upn);
            t.user(upn, rnd.nextInt(10) == 0, rnd.nextInt(8) == 0, rnd.nextInt(10) == 0 ? "" : "NL");
        }
        for (String sku : SKUS) {
            for (int s = rnd.nextInt(3); s > 0; s--) {
                SubscriptionStatus status = SubscriptionStatus.values()[rnd.nextInt(5) == 0 ? rnd.nextInt(5) : 0];
                PurchaseChannel channel = rnd.nextInt(6) == 0 ? PurchaseChannel.SELF_SERVICE : PurchaseChannel.ADMIN;
                t.buy(sku, rnd.nextInt(users + 1), status, channel, "p" + rnd.nextInt(3) + "@x",
                        rnd.nextBoolean() ? null : (1 + rnd.nextInt(40)) + ".5");
            }
        }
        for (int g = 0; g < 5; g++) {
            String group = "G" + g;
            for (int r = rnd.nextInt(3); r > 0; r--) {
                t.rule(group, SKUS[rnd.nextInt(SKUS.length)], rnd.nextInt(200),
                        OPTIONAL_PLANS[rnd.nextInt(OPTIONAL_PLANS.length)]);
            }
            for (String upn : upns) {
                if (rnd.nextInt(3) == 0) {
                    t.member(group, upn);
                }
            }
        }
        for (String upn : upns) {
            for (String sku : SKUS) {
                if (rnd.nextInt(5) == 0) {
                    t.holds(upn, sku, rnd.nextBoolean() ? null : "G" + rnd.nextInt(6),
                            OPTIONAL_PLANS[rnd.nextInt(OPTIONAL_PLANS.length)]);
                }
            }
        }
        return t;
    }

    static Policies policies(long seed, int batchSize) {
        Random rnd = new Random(~seed);
        return new Policies(rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean() ? "NL" : "",
                Reclaim.values()[rnd.nextInt(4)], 500, batchSize);
    }

    private static ReconciliationResult reconcile(long seed, int batchSize) {
        return new Reconciler(policies(seed, batchSize)).reconcile(tenant(seed).build());
    }

    @ParameterizedTest(name = "seed {0}, batch size {1}")
    @MethodSource("seedsAndSizes")
    void noBatchExceedsTheBatchSizeAndEveryChangeIsInExactlyOneBatch(long seed, int size) {
        ReconciliationResult r = reconcile(seed, size);

        List<String> planned = new ArrayList<>();
        for (ProductAction a : r.actions()) {
            assertThat(a.users()).isNotEmpty().hasSizeLessThanOrEqualTo(size);
            a.users().forEach(u -> planned.add(a.operation() + " " + a.sku() + " " + u
                    + (a.operation() == Operation.UNASSIGN ? "" : " " + Plans.join(a.disabledPlans()))));
        }
        List<String> changes = new ArrayList<>();
        for (LicenseResult x : r.results()) {
            switch (x.outcome()) {
                case ASSIGN, UPDATE_SERVICES -> changes.add(x.outcome().name().replace("UPDATE_SERVICES",
                        "UPDATE_SERVICES") + " " + x.sku() + " " + x.user() + " " + Plans.join(x.disabledPlans()));
                case UNASSIGN -> changes.add("UNASSIGN " + x.sku() + " " + x.user());
                default -> { }
            }
        }
        assertThat(planned).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(changes);
        assertThat(r.actions()).extracting(ProductAction::batch)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, r.actions().size()).boxed().toList());
        assertThat(r.unassignCount()).isEqualTo(changes.stream().filter(c -> c.startsWith("UNASSIGN")).count());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void newGrantsNeverExceedFreeSeats(long seed) {
        ReconciliationResult r = reconcile(seed, 20);

        for (Shortfall s : r.shortfalls()) {
            long granted = r.results().stream().filter(x -> x.sku().equals(s.sku()) && x.outcome() == Outcome.ASSIGN)
                    .count();
            long keptBeforeGrants = s.assignedAfter() - granted;
            assertThat(granted).isLessThanOrEqualTo(Math.max(0, s.capacity() - keptBeforeGrants));
            assertThat(keptBeforeGrants).isLessThanOrEqualTo(s.assignedBefore());
        }
    }

    @ParameterizedTest(name = "seed {0}, batch size {1}")
    @MethodSource("seedsAndSizes")
    void theSameInputGivesTheSameOutput(long seed, int size) {
        assertThat(reconcile(seed, size)).isEqualTo(reconcile(seed, size));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theShortfallIsWhatIsNeededForEveryValidRequest(long seed) {
        TenantSnapshot snapshot = tenant(seed).build();
        ReconciliationResult r = new Reconciler(policies(seed, 20)).reconcile(snapshot);

        Map<String, int[]> byProduct = new HashMap<>(); // granted, refused for want of a seat, held after
        for (LicenseResult x : r.results()) {
            int[] c = byProduct.computeIfAbsent(x.sku(), k -> new int[3]);
            if (x.outcome() == Outcome.ASSIGN) {
                c[0]++;
            }
            if (x.code() == ErrorCode.COUNT_VIOLATION) {
                c[1]++;
            }
            if (x.outcome() == Outcome.KEEP || x.outcome() == Outcome.ASSIGN || x.outcome() == Outcome.UPDATE_SERVICES
                    || (x.outcome() == Outcome.FAILED && isHeld(snapshot, x))) {
                c[2]++;
            }
        }
        for (Shortfall s : r.shortfalls()) {
            int[] c = byProduct.getOrDefault(s.sku(), new int[3]);
            assertThat(s.assignedAfter()).isEqualTo(c[2]);
            assertThat(s.requested()).isEqualTo(c[0] + c[1]);
            boolean purchaseHelps = helpsToBuy(snapshot, s.sku());
            assertThat(s.shortfall()).isEqualTo(purchaseHelps ? Math.max(0, s.assignedAfter() + c[1] - s.capacity()) : 0);
            if (s.unitPrice() != null) {
                assertThat(s.shortfallCost()).isEqualByComparingTo(s.unitPrice().multiply(
                        java.math.BigDecimal.valueOf(s.shortfall())));
            }
        }
    }

    private static boolean isHeld(TenantSnapshot snapshot, LicenseResult x) {
        int u = snapshot.userIndex(x.user());
        return snapshot.licensesOf(u).stream().anyMatch(l -> l.sku().equals(x.sku()));
    }

    /** False for self-service-only products and products whose admin subscriptions are all inactive. */
    static boolean helpsToBuy(TenantSnapshot snapshot, String sku) {
        Set<Boolean> admin = new HashSet<>();
        boolean active = false;
        for (Subscription s : snapshot.subscriptions()) {
            if (s.sku().equals(sku)) {
                boolean isAdmin = s.channel() == PurchaseChannel.ADMIN;
                admin.add(isAdmin);
                active |= isAdmin && s.status().providesSeats();
            }
        }
        boolean selfServiceOnly = admin.equals(Set.of(false));
        boolean inactive = admin.contains(true) && !active;
        return !selfServiceOnly && !inactive;
    }

    /**
     * Random tenants, reproducibly: a fixed master seed draws the tenants' seeds, so a failure
     * names the seed that reproduces it and every build checks the same 300 tenants.
     */
    static Stream<Long> seeds() {
        Random master = new Random(20261123L);
        return Stream.generate(master::nextLong).limit(300);
    }

    static Stream<Arguments> seedsAndSizes() {
        Random master = new Random(424242L);
        return Stream.generate(() -> Arguments.of(master.nextLong(), 1 + master.nextInt(20))).limit(300);
    }
}
