package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant of 100,000 users (rules over big groups, most users holding licenses) must reconcile
 * and import in well under the time a quadratic loop would take; a slow run shows up in the test
 * time. The same code was checked by hand with a million users.
 */
class ScaleTest {

    static final int USERS = Integer.getInteger("scale.users", 100_000);

    static TenantSnapshot bigTenant(int users) {
        TenantSnapshot.Builder b = TenantSnapshot.builder(TestTenant.catalog(), ExampleTenant.planRules(
                ExampleTenant.dir("basic").resolve("input/service-plan-rules.csv")));
        for (int i = 0; i < users; i++) {
            b.addUser(new TenantUser("user" + i + "@contoso.example", "", "", false, i % 97 == 0, i % 53 == 0 ? "" : "NL"));
        }
        for (int i = 0; i < users; i++) {
            b.addMembership(i % 3 == 0 ? "Sales" : "IT", i);
            if (i % 5 == 0) {
                b.addMembership("Mobile", i);
            }
            if (i % 2 == 0) {
                b.addLicense(i, new CurrentLicense("ENTERPRISEPACK", Plans.of("SWAY"), i % 4 == 0 ? "Sales" : null));
            }
        }
        b.addRule(new LicenseRule("Sales", "ENTERPRISEPACK", Plans.of("SWAY"), 100));
        b.addRule(new LicenseRule("IT", "ENTERPRISEPACK", Plans.of("YAMMER_ENTERPRISE"), 50));
        b.addRule(new LicenseRule("Mobile", "EMS", Plans.none(), 100));
        b.addSubscription(new Subscription("ENTERPRISEPACK", users * 9 / 10, SubscriptionStatus.ENABLED,
                PurchaseChannel.ADMIN, List.of("buyer@contoso.example"), null, null, ""));
        b.addSubscription(new Subscription("EMS", users / 10, SubscriptionStatus.ENABLED,
                PurchaseChannel.ADMIN, List.of("buyer@contoso.example"), null, null, ""));
        return b.build();
    }

    @Test
    void aLargeTenantReconciles() {
        TenantSnapshot snapshot = bigTenant(USERS);
        long t0 = System.nanoTime();
        ReconciliationResult r = new Reconciler(Policies.defaults()).reconcile(snapshot);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("reconciled %,d users in %,d ms: %,d results, %,d actions%n", USERS, ms, r.results().size(),
                r.actions().size());

        assertThat(r.results()).hasSizeGreaterThanOrEqualTo(USERS);
        assertThat(r.actions()).allSatisfy(a -> assertThat(a.users()).hasSizeLessThanOrEqualTo(20));
        Shortfall ems = r.shortfalls().stream().filter(s -> s.sku().equals("EMS")).findFirst().orElseThrow();
        assertThat(ems.assignedAfter()).isEqualTo(USERS / 10);
    }

    @Test
    void aLargeImportRuns() {
        TenantSnapshot snapshot = bigTenant(USERS);
        List<LicenseRequest> requests = new ArrayList<>();
        for (int i = 0; i < USERS; i += 2) {
            requests.add(new LicenseRequest(requests.size() + 2, "user" + i + "@contoso.example",
                    i % 4 == 0 ? RequestAction.REPLACE : RequestAction.ASSIGN, List.of("EMS"), Plans.none()));
        }
        long t0 = System.nanoTime();
        ReconciliationResult r = new BulkImporter(Policies.defaults()).run(snapshot, requests);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("imported %,d requests in %,d ms%n", requests.size(), ms);

        assertThat(r.results()).hasSizeGreaterThanOrEqualTo(requests.size());
    }
}
