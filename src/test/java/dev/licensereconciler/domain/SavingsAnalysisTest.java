package dev.licensereconciler.domain;

import dev.licensereconciler.ingest.ReferenceData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The savings of a nightly run (issue 13) on the built-in catalog: surplus seats per subscription
 * timed to renewal, licenses held twice over, and the monthly cost of what is held.
 */
class SavingsAnalysisTest {

    private static final Catalog CATALOG = ReferenceData.builtinCatalog();
    private static final PlanCoverage COVERAGE = ReferenceData.builtinPlanCoverage();
    private static final LocalDate DEC_15 = LocalDate.of(2026, 12, 15);
    private static final LocalDate JAN_31 = LocalDate.of(2027, 1, 31);

    private final TenantSnapshot.Builder tenant = TenantSnapshot.builder(CATALOG, ServicePlanRules.none());

    private int user(String upn, String department, String location) {
        int u = tenant.addUser(new TenantUser(upn, upn, "", false, false, location));
        tenant.department(u, department);
        return u;
    }

    private void holds(int user, String sku, String... disabled) {
        tenant.addLicense(user, new CurrentLicense(sku, Plans.of(disabled), null));
    }

    private void buy(String sku, int quantity, SubscriptionStatus status, String price, LocalDate renews,
                     SubscriptionTerm term, Boolean autoRenew, boolean trial) {
        tenant.addSubscription(new Subscription(sku, quantity, status, PurchaseChannel.ADMIN,
                List.of("buyer@contoso.example"), price == null ? null : new BigDecimal(price), "EUR",
                sku + "-" + quantity, renews, term, autoRenew, trial));
    }

    private Savings savings() {
        return savings(Policies.defaults());
    }

    private Savings savings(Policies policies) {
        TenantSnapshot snapshot = tenant.build();
        ReconciliationResult result = new Reconciler(policies).reconcile(snapshot);
        return SavingsAnalysis.of(snapshot, result, COVERAGE);
    }

    private static SurplusSeats surplus(Savings s, String subscriptionId) {
        return s.surplus().stream().filter(r -> r.subscriptionId().equals(subscriptionId)).findFirst().orElseThrow();
    }

    @Test
    void freeSeatsGoToTheSoonestRenewalFirstAndSavePerTermAndPerYear() {
        buy("SPE_E3", 10, SubscriptionStatus.ENABLED, "33.70", JAN_31, SubscriptionTerm.P1Y, true, false);
        buy("SPE_E3", 5, SubscriptionStatus.ENABLED, "33.70", DEC_15, SubscriptionTerm.P1M, true, false);
        for (int i = 0; i < 8; i++) {
            holds(user("u" + i + "@contoso.example", "Sales", "NL"), "SPE_E3");
        }

        Savings s = savings();

        // 15 seats, 8 held: the monthly subscription renews first and can lose all 5, the annual one 2.
        SurplusSeats monthly = surplus(s, "SPE_E3-5");
        SurplusSeats annual = surplus(s, "SPE_E3-10");
        assertThat(s.surplus()).containsExactly(monthly, annual);
        assertThat(monthly).extracting(SurplusSeats::unused, SurplusSeats::cut, SurplusSeats::cutBefore,
                SurplusSeats::savingPerTerm, SurplusSeats::savingPerYear, SurplusSeats::callout)
                .containsExactly(5, 5, DEC_15, new BigDecimal("168.50"), new BigDecimal("2022.00"), SurplusSeats.Callout.CUT);
        assertThat(annual).extracting(SurplusSeats::unused, SurplusSeats::cut, SurplusSeats::cutBefore,
                SurplusSeats::savingPerTerm, SurplusSeats::savingPerYear)
                .containsExactly(2, 2, JAN_31, new BigDecimal("808.80"), new BigDecimal("808.80"));
        assertThat(annual.note()).isEqualTo("2 of 10 seats are not held: lower the quantity by 2 before the renewal on 2027-01-31.");
    }

    @Test
    void licensesTheRunAssignsAndRequestsRefusedForWantOfASeatAreNotSurplus() {
        buy("EMS", 4, SubscriptionStatus.ENABLED, "10.10", JAN_31, SubscriptionTerm.P1Y, true, false);
        holds(user("held@contoso.example", "IT", "NL"), "EMS");
        tenant.addRule(new LicenseRule("EMS users", "EMS", Plans.none(), 100));
        for (String upn : List.of("new1@contoso.example", "new2@contoso.example")) {
            tenant.addMembership("EMS users", user(upn, "IT", "NL"));
        }

        SurplusSeats ems = surplus(savings(), "EMS-4");

        // 1 held + 2 assigned by this run (pending until applied): 1 seat left to cut.
        assertThat(ems).extracting(SurplusSeats::unused, SurplusSeats::cut).containsExactly(1, 1);
    }

    @Test
    void trialAndWarningSeatsEndWithTheirTermAndTheLicensesTheyCarryAreCalledOut() {
        // 4 EMS licenses on 2 paid seats and a 3-seat trial: when the trial ends, 2 lose their seat.
        buy("EMS", 2, SubscriptionStatus.ENABLED, "10.10", JAN_31, SubscriptionTerm.P1Y, true, false);
        buy("EMS", 3, SubscriptionStatus.ENABLED, "0.00", DEC_15, null, false, true);
        // Office 365 E1 expired and in its grace period, 1 of its 5 seats held: that one loses it.
        buy("STANDARDPACK", 5, SubscriptionStatus.WARNING, "9.40", DEC_15, SubscriptionTerm.P1Y, null, false);
        for (int i = 0; i < 4; i++) {
            holds(user("e" + i + "@contoso.example", "IT", "NL"), "EMS");
        }
        holds(user("w@contoso.example", "HR", "NL"), "STANDARDPACK");

        Savings s = savings();

        SurplusSeats trial = surplus(s, "EMS-3");
        assertThat(trial).extracting(SurplusSeats::callout, SurplusSeats::unused, SurplusSeats::cut,
                SurplusSeats::lapsing, SurplusSeats::uncovered)
                .containsExactly(SurplusSeats.Callout.TRIAL_ENDS, 1, 0, 3, 2);
        assertThat(trial.note()).isEqualTo("The trial ends on 2026-12-15; its 3 seats end with it. 2 licenses then "
                + "lose their seat: buy or convert 2 seats before then, or free them.");
        assertThat(surplus(s, "EMS-2")).extracting(SurplusSeats::unused, SurplusSeats::callout).containsExactly(0, null);
        SurplusSeats warning = surplus(s, "STANDARDPACK-5");
        assertThat(warning).extracting(SurplusSeats::callout, SurplusSeats::unused, SurplusSeats::cut,
                SurplusSeats::uncovered, SurplusSeats::savingPerYear)
                .containsExactly(SurplusSeats.Callout.IN_WARNING, 4, 0, 1, null);
        assertThat(warning.note()).startsWith("Expired, in its grace period: its 5 seats end on 2026-12-15")
                .endsWith("1 license then loses its seat: buy or convert 1 seat before then, or free them.");
    }

    @Test
    void aFreeSubscriptionHasNothingToCut() {
        buy("FLOW_FREE", 10_000, SubscriptionStatus.ENABLED, "0.00", null, null, null, false);
        holds(user("a@contoso.example", "IT", "NL"), "FLOW_FREE");

        assertThat(surplus(savings(), "FLOW_FREE-10000")).extracting(SurplusSeats::unused, SurplusSeats::cut,
                SurplusSeats::callout).containsExactly(9_999, 0, null);
    }

    @Test
    void microsoftsFreeOffersWithoutAPriceHaveNothingToCutButAPaidProductWithoutOneHas() {
        // Graph's subscribedSkus export: no prices at all.
        buy("FLOW_FREE", 10_000, SubscriptionStatus.ENABLED, null, null, null, null, false);
        buy("POWER_BI_PRO", 10, SubscriptionStatus.ENABLED, null, null, null, null, false);
        holds(user("a@contoso.example", "IT", "NL"), "POWER_BI_PRO");

        Savings s = savings();
        assertThat(surplus(s, "FLOW_FREE-10000")).extracting(SurplusSeats::unused, SurplusSeats::cut,
                SurplusSeats::callout, SurplusSeats::unitPrice).containsExactly(10_000, 0, null, new BigDecimal("0.00"));
        assertThat(surplus(s, "POWER_BI_PRO-10")).extracting(SurplusSeats::unused, SurplusSeats::cut,
                SurplusSeats::callout).containsExactly(9, 9, SurplusSeats.Callout.CUT);
    }

    @Test
    void aLicenseWhoseEveryEnabledServiceAnotherGivesIsAnOverlapWithItsPriceAsSaving() {
        buy("ENTERPRISEPACK", 10, SubscriptionStatus.ENABLED, "21.90", null, null, null, false);
        buy("SPE_E3", 10, SubscriptionStatus.ENABLED, "33.70", null, null, null, false);
        buy("STANDARDPACK", 10, SubscriptionStatus.ENABLED, "9.40", null, null, null, false);
        buy("SPE_E5", 10, SubscriptionStatus.ENABLED, "54.70", null, null, null, false);
        buy("POWER_BI_PRO", 10, SubscriptionStatus.ENABLED, "9.40", null, null, null, false);
        int both = user("both@contoso.example", "IT", "NL");
        holds(both, "ENTERPRISEPACK");
        holds(both, "SPE_E3");
        // E1's Exchange Plan 1, SharePoint Plan 1 and Office mobile are lower tiers of E3's plans.
        int tiers = user("tiers@contoso.example", "IT", "NL");
        holds(tiers, "STANDARDPACK");
        holds(tiers, "ENTERPRISEPACK");
        // Power BI Pro's Exchange Foundation is a supporting plan: E5's Power BI covers it.
        int bi = user("bi@contoso.example", "IT", "NL");
        holds(bi, "SPE_E5");
        holds(bi, "POWER_BI_PRO");
        holds(user("alone@contoso.example", "IT", "NL"), "SPE_E3");

        Savings s = savings();

        assertThat(s.recommendations()).extracting(Recommendation::kind, Recommendation::user, Recommendation::sku,
                Recommendation::keepSku, Recommendation::monthlySaving).containsExactly(
                tuple(Recommendation.Kind.OVERLAP, "bi@contoso.example", "POWER_BI_PRO", "SPE_E5", new BigDecimal("9.40")),
                tuple(Recommendation.Kind.OVERLAP, "both@contoso.example", "ENTERPRISEPACK", "SPE_E3", new BigDecimal("21.90")),
                tuple(Recommendation.Kind.OVERLAP, "tiers@contoso.example", "STANDARDPACK", "ENTERPRISEPACK",
                        new BigDecimal("9.40")));
        assertThat(s.recommendations().get(1).reason()).isEqualTo("Microsoft 365 E3 (SPE_E3) already gives every "
                + "enabled service of Office 365 E3 (ENTERPRISEPACK): remove ENTERPRISEPACK from this user.");
    }

    @Test
    void aPlanDisabledOnTheCoveringLicenseBreaksTheCoverButOneDisabledOnTheCoveredOneDoesNot() {
        // E3 without Exchange gives no mailbox, so the E1's Exchange Plan 1 is not redundant.
        int noExchange = user("noexchange@contoso.example", "IT", "NL");
        holds(noExchange, "STANDARDPACK");
        holds(noExchange, "ENTERPRISEPACK", "EXCHANGE_S_ENTERPRISE");
        // Microsoft 365 E3 without Intune does not cover Intune.
        int noIntune = user("nointune@contoso.example", "IT", "NL");
        holds(noIntune, "INTUNE_A");
        holds(noIntune, "SPE_E3", "INTUNE_A");
        // Office 365 E3 with its Exchange off is still covered by Microsoft 365 E3.
        int partial = user("partial@contoso.example", "IT", "NL");
        holds(partial, "ENTERPRISEPACK", "EXCHANGE_S_ENTERPRISE");
        holds(partial, "SPE_E3");

        assertThat(savings().recommendations()).extracting(Recommendation::user, Recommendation::sku,
                Recommendation::keepSku, Recommendation::monthlySaving)
                .containsExactly(tuple("partial@contoso.example", "ENTERPRISEPACK", "SPE_E3", null));
    }

    @Test
    void everyCoverInTheCatalogFollowsFromThePlansNotFromAList() {
        // Each product held alone by one user next to Microsoft 365 E5: whatever E5's plans (and
        // their lower tiers) give is reported, the rest not; the pairs come from the catalog.
        int u = 0;
        for (Product p : CATALOG.products()) {
            if (!p.skuId().equals("SPE_E5")) {
                int user = user("u" + u++ + "@contoso.example", "IT", "NL");
                holds(user, "SPE_E5");
                holds(user, p.skuId());
            }
        }

        List<String> dropped = savings().recommendations().stream().map(Recommendation::sku).sorted().toList();

        assertThat(dropped).contains("ENTERPRISEPREMIUM", "ENTERPRISEPACK", "STANDARDPACK", "SPE_E3", "SPE_F1",
                "EMS", "POWER_BI_PRO", "MCOMEETADV", "MCOEV", "AAD_PREMIUM", "AAD_PREMIUM_P2", "DESKLESSPACK");
        assertThat(dropped).doesNotContain("VISIOCLIENT", "PROJECTPREMIUM", "MCOPSTN1", "SPE_E5");
    }

    @Test
    void monthlyCostsByDepartmentLocationAndProductAddUpToTheSameTotal() {
        buy("SPE_E3", 10, SubscriptionStatus.ENABLED, "33.70", null, null, null, false);
        buy("EMS", 10, SubscriptionStatus.ENABLED, "10.10", null, null, null, false);
        buy("VISIOCLIENT", 10, SubscriptionStatus.ENABLED, null, null, null, null, false);
        int anna = user("anna@contoso.example", "Sales", "NL");
        holds(anna, "SPE_E3");
        holds(anna, "EMS");
        holds(user("bert@contoso.example", "Sales", "BE"), "SPE_E3");
        int chris = user("chris@contoso.example", "", "NL");
        holds(chris, "SPE_E3");
        holds(chris, "VISIOCLIENT");

        List<CostLine> costs = savings().costs();

        assertThat(costs).extracting(CostLine::dimension, CostLine::key, CostLine::licenses, CostLine::currency,
                CostLine::monthlyCost).containsExactly(
                tuple(CostLine.Dimension.DEPARTMENT, "", 1, "EUR", new BigDecimal("33.70")),
                tuple(CostLine.Dimension.DEPARTMENT, "", 1, null, null),
                tuple(CostLine.Dimension.DEPARTMENT, "Sales", 3, "EUR", new BigDecimal("77.50")),
                tuple(CostLine.Dimension.USAGE_LOCATION, "BE", 1, "EUR", new BigDecimal("33.70")),
                tuple(CostLine.Dimension.USAGE_LOCATION, "NL", 3, "EUR", new BigDecimal("77.50")),
                tuple(CostLine.Dimension.USAGE_LOCATION, "NL", 1, null, null),
                tuple(CostLine.Dimension.PRODUCT, "EMS", 1, "EUR", new BigDecimal("10.10")),
                tuple(CostLine.Dimension.PRODUCT, "SPE_E3", 3, "EUR", new BigDecimal("101.10")),
                tuple(CostLine.Dimension.PRODUCT, "VISIOCLIENT", 1, null, null));
        for (CostLine.Dimension d : CostLine.Dimension.values()) {
            assertThat(costs.stream().filter(c -> c.dimension() == d && c.monthlyCost() != null)
                    .map(CostLine::monthlyCost).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as(d + " total").isEqualByComparingTo("111.20");
        }
    }

    @Test
    void removingOnlyTheDirectPathOfALicenseAGroupAlsoGivesKeepsItsSeatAndItsCost() {
        buy("SPE_E3", 4, SubscriptionStatus.ENABLED, "33.70", JAN_31, SubscriptionTerm.P1Y, true, false);
        buy("ENTERPRISEPACK", 1, SubscriptionStatus.ENABLED, "21.90", null, null, null, false);
        // Both hold E3 through an Entra group no rule of the job names (inherited) and directly
        // too (ALSO_DIRECT); reclaim: direct-duplicates takes the direct paths away, not the licenses.
        for (String upn : List.of("anna@contoso.example", "bert@contoso.example")) {
            tenant.addLicense(user(upn, "Sales", "NL"), new CurrentLicense("SPE_E3", Plans.none(), true,
                    List.of("All staff E3")));
        }
        holds(user("chris@contoso.example", "IT", "NL"), "SPE_E3");
        // Her Office 365 E3 by hand stays redundant next to the E3 her group keeps giving her.
        int dora = user("dora@contoso.example", "IT", "NL");
        tenant.addLicense(dora, new CurrentLicense("SPE_E3", Plans.none(), true, List.of("All staff E3")));
        holds(dora, "ENTERPRISEPACK");
        Policies directDuplicates = new Policies(false, false, "", Reclaim.DIRECT_DUPLICATES, 500, 20);

        TenantSnapshot snapshot = tenant.build();
        ReconciliationResult result = new Reconciler(directDuplicates).reconcile(snapshot);
        Savings s = SavingsAnalysis.of(snapshot, result, COVERAGE);

        assertThat(result.results()).filteredOn(r -> r.code() == ErrorCode.ALSO_DIRECT)
                .extracting(LicenseResult::user, LicenseResult::outcome).containsExactly(
                        tuple("anna@contoso.example", Outcome.UNASSIGN), tuple("bert@contoso.example", Outcome.UNASSIGN),
                        tuple("dora@contoso.example", Outcome.UNASSIGN));
        assertThat(s.costs()).filteredOn(c -> c.dimension() == CostLine.Dimension.PRODUCT && c.key().equals("SPE_E3"))
                .extracting(CostLine::licenses, CostLine::monthlyCost)
                .as("the group keeps the licenses of anna, bert and dora: with chris 4 held, 4 paid for")
                .containsExactly(tuple(4, new BigDecimal("134.80")));
        assertThat(s.costs()).filteredOn(c -> c.dimension() == CostLine.Dimension.DEPARTMENT)
                .extracting(CostLine::key, CostLine::licenses).containsExactly(tuple("IT", 3), tuple("Sales", 2));
        assertThat(s.recommendations()).extracting(Recommendation::user, Recommendation::sku, Recommendation::keepSku)
                .containsExactly(tuple("dora@contoso.example", "ENTERPRISEPACK", "SPE_E3"));
        assertThat(surplus(s, "SPE_E3-4")).extracting(SurplusSeats::unused, SurplusSeats::cut, SurplusSeats::callout)
                .as("no seat is freed, so none to cut").containsExactly(0, 0, null);
    }
}
