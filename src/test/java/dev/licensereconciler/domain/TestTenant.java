package dev.licensereconciler.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Builds small tenants for tests on the real catalog rows of E1, E3, F3, EMS, Power BI Pro and
 * Audio Conferencing, with the service-plan rules of the worked example (SharePoint and Exchange
 * plans of E1/E3/F3 conflict; Audio Conferencing requires Teams or Skype).
 */
final class TestTenant {

    static final String E1 = "STANDARDPACK";
    static final String E3 = "ENTERPRISEPACK";
    static final String F3 = "DESKLESSPACK";
    static final String EMS = "EMS";
    static final String PBI = "POWER_BI_PRO";
    static final String AUDIO = "MCOMEETADV";

    private static final Catalog CATALOG;
    private static final ServicePlanRules PLAN_RULES;

    static {
        Path dir = ExampleTenant.dir("basic");
        CATALOG = ExampleTenant.catalog(dir.resolve("catalog.csv"));
        PLAN_RULES = ExampleTenant.planRules(dir.resolve("input/service-plan-rules.csv"));
    }

    private final TenantSnapshot.Builder b;

    private TestTenant(ServicePlanRules planRules) {
        b = TenantSnapshot.builder(CATALOG, planRules);
    }

    static TestTenant create() {
        return new TestTenant(PLAN_RULES);
    }

    static TestTenant create(ServicePlanRules planRules) {
        return new TestTenant(planRules);
    }

    static Catalog catalog() {
        return CATALOG;
    }

    /** A member with usage location NL, not blocked. */
    TestTenant user(String... upns) {
        for (String upn : upns) {
            b.addUser(new TenantUser(upn, upn, "", false, false, "NL"));
        }
        return this;
    }

    TestTenant user(String upn, boolean guest, boolean blocked, String usageLocation) {
        b.addUser(new TenantUser(upn, upn, "", guest, blocked, usageLocation));
        return this;
    }

    TestTenant member(String group, String... upns) {
        for (String upn : upns) {
            b.addMembership(group, index(upn));
        }
        return this;
    }

    TestTenant rule(String group, String sku, int priority, String... disabled) {
        b.addRule(new LicenseRule(group, sku, Plans.of(disabled), priority));
        return this;
    }

    TestTenant rule(String group, String sku, String... disabled) {
        return rule(group, sku, LicenseRule.DEFAULT_PRIORITY, disabled);
    }

    TestTenant buy(String sku, int quantity) {
        return buy(sku, quantity, SubscriptionStatus.ENABLED, PurchaseChannel.ADMIN, "buyer@contoso.example", "10.00");
    }

    TestTenant buy(String sku, int quantity, SubscriptionStatus status, PurchaseChannel channel, String purchasers,
                   String price) {
        b.addSubscription(new Subscription(sku, quantity, status, channel,
                purchasers == null ? List.of() : Arrays.asList(purchasers.split(";")),
                price == null ? null : new BigDecimal(price), price == null ? null : "EUR", ""));
        return this;
    }

    /** A current license; {@code assignedBy} null or "Direct" for a manual one, else the rule group. */
    TestTenant holds(String upn, String sku, String assignedBy, String... disabled) {
        b.addLicense(index(upn), new CurrentLicense(sku, Plans.of(disabled), assignedBy));
        return this;
    }

    /** The activity report (refreshed 2026-11-28) lists the user, last active on {@code day} (null: never). */
    TestTenant activity(String upn, LocalDate day) {
        b.activityReportRefreshed(REFRESHED);
        b.inActivityReport(index(upn));
        if (day != null) {
            b.activeOn(index(upn), day);
        }
        return this;
    }

    TestTenant created(String upn, LocalDate day) {
        b.createdOn(index(upn), day);
        return this;
    }

    static final LocalDate REFRESHED = LocalDate.of(2026, 11, 28);

    private int index(String upn) {
        int i = b.userIndex(upn);
        if (i < 0) {
            throw new IllegalArgumentException("add user first: " + upn);
        }
        return i;
    }

    TenantSnapshot build() {
        return b.build();
    }

    static LicenseResult result(ReconciliationResult r, String upn, String sku) {
        return r.results().stream().filter(x -> x.user().equalsIgnoreCase(upn) && x.sku().equals(sku)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + upn + " " + sku + " in " + r.results()));
    }

    static Shortfall shortfall(ReconciliationResult r, String sku) {
        return r.shortfalls().stream().filter(s -> s.sku().equals(sku)).findFirst()
                .orElseThrow(() -> new AssertionError("no shortfall row for " + sku));
    }

    static Problem refusal(ReconciliationResult r, String upn, String sku) {
        return r.refusals().stream().filter(x -> x.user().equalsIgnoreCase(upn) && x.sku().equals(sku)).findFirst()
                .orElseThrow(() -> new AssertionError("no refusal for " + upn + " " + sku + " in " + r.refusals()));
    }

    static Policies policies(boolean guests, boolean blocked, String location, Reclaim reclaim, int batchSize) {
        return new Policies(guests, blocked, location, reclaim, 500, batchSize);
    }
}
