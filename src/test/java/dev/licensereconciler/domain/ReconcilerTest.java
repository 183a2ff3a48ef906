package dev.licensereconciler.domain;

import static dev.licensereconciler.domain.TestTenant.AUDIO;
import static dev.licensereconciler.domain.TestTenant.E1;
import static dev.licensereconciler.domain.TestTenant.E3;
import static dev.licensereconciler.domain.TestTenant.EMS;
import static dev.licensereconciler.domain.TestTenant.F3;
import static dev.licensereconciler.domain.TestTenant.PBI;
import static dev.licensereconciler.domain.TestTenant.refusal;
import static dev.licensereconciler.domain.TestTenant.result;
import static dev.licensereconciler.domain.TestTenant.shortfall;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static ReconciliationResult reconcile(TestTenant t) {
        return reconcile(t, Policies.defaults());
    }

    private static ReconciliationResult reconcile(TestTenant t, Policies policies) {
        return new Reconciler(policies).reconcile(t.build());
    }

    @Nested
    class DesiredLicenses {

        @Test
        void aProductFromTwoGroupsIsOneLicenseWithTheUnionOfTheirServices() {
            ReconciliationResult r = reconcile(TestTenant.create().user("anna@x").buy(E3, 5)
                    .rule("Sales", E3, 100, "SWAY", "YAMMER_ENTERPRISE")
                    .rule("IT", E3, 50, "SWAY", "FORMS_PLAN_E3")
                    .member("Sales", "anna@x").member("IT", "anna@x"));

            assertThat(result(r, "anna@x", E3).outcome()).isEqualTo(Outcome.ASSIGN);
            assertThat(result(r, "anna@x", E3).disabledPlans()).containsExactly("SWAY");
            assertThat(r.actions()).singleElement().satisfies(a -> {
                assertThat(a.operation()).isEqualTo(Operation.ASSIGN);
                assertThat(a.disabledPlans()).containsExactly("SWAY");
            });
        }

        @Test
        void theLowestPriorityOfTheRulesDecidesWhoGetsTheLastSeat() {
            ReconciliationResult r = reconcile(TestTenant.create().user("amy@x", "zed@x").buy(E3, 1)
                    .rule("Everyone", E3, 100).rule("Board", E3, 10)
                    .member("Everyone", "amy@x", "zed@x").member("Board", "zed@x"));

            assertThat(result(r, "zed@x", E3).outcome()).isEqualTo(Outcome.ASSIGN);
            assertThat(result(r, "amy@x", E3).code()).isEqualTo(ErrorCode.COUNT_VIOLATION);
        }

        @Test
        void aMemberListedTwiceIsEntitledOnce() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x", "b@x").buy(E3, 5).rule("G", E3)
                    .member("G", "a@x", "b@x", "a@x"));

            assertThat(r.results()).extracting(LicenseResult::user).containsExactly("a@x", "b@x");
            assertThat(shortfall(r, E3).requested()).isEqualTo(2);
        }

        @Test
        void resultsAreOrderedByUpnIgnoringCaseThenSku() {
            ReconciliationResult r = reconcile(TestTenant.create().user("Bob@x", "alice@x", "Carl@x").buy(E3, 5)
                    .buy(EMS, 5).rule("G", EMS).rule("G", E3).member("G", "Carl@x", "Bob@x", "alice@x"));

            assertThat(r.results()).extracting(x -> x.user() + " " + x.sku()).containsExactly(
                    "alice@x EMS", "alice@x ENTERPRISEPACK", "Bob@x EMS", "Bob@x ENTERPRISEPACK",
                    "Carl@x EMS", "Carl@x ENTERPRISEPACK");
        }
    }

    @Nested
    class ManagedAndManual {

        @Test
        void aManualLicenseLaterCoveredByARuleIsKeptAndGetsTheRulesServices() {
            ReconciliationResult r = reconcile(TestTenant.create().user("femke@x").buy(E3, 1)
                    .holds("femke@x", E3, "Direct").rule("IT", E3, "YAMMER_ENTERPRISE").member("IT", "femke@x"));

            assertThat(result(r, "femke@x", E3)).isEqualTo(new LicenseResult("femke@x", E3, Outcome.UPDATE_SERVICES,
                    null, Plans.of("YAMMER_ENTERPRISE")));
            assertThat(r.actions()).singleElement().extracting(ProductAction::operation)
                    .isEqualTo(Operation.UPDATE_SERVICES);
            assertThat(shortfall(r, E3).assignedAfter()).isEqualTo(1);
        }

        @Test
        void aManualLicenseWithTheRulesServicesIsSimplyKept() {
            ReconciliationResult r = reconcile(TestTenant.create().user("femke@x").buy(E3, 1)
                    .holds("femke@x", E3, null, "SWAY").rule("IT", E3, "SWAY").member("IT", "femke@x"));

            assertThat(result(r, "femke@x", E3).outcome()).isEqualTo(Outcome.KEEP);
            assertThat(r.actions()).isEmpty();
        }

        @Test
        void aManagedLicenseIsRemovedWhenNoRuleEntitlesTheUserButAManualOneStays() {
            ReconciliationResult r = reconcile(TestTenant.create().user("ivo@x", "jan@x").buy(E3, 5)
                    .rule("Sales", E3).holds("ivo@x", E3, "Sales").holds("jan@x", E3, "Direct"));

            assertThat(result(r, "ivo@x", E3).outcome()).isEqualTo(Outcome.UNASSIGN);
            assertThat(result(r, "ivo@x", E3).disabledPlans()).isEmpty();
            assertThat(result(r, "jan@x", E3)).isEqualTo(new LicenseResult("jan@x", E3, Outcome.KEEP,
                    ErrorCode.NOT_ENTITLED, Plans.none()));
            assertThat(r.unassignCount()).isEqualTo(1);
            assertThat(shortfall(r, E3).reclaimable()).isEqualTo(1);
        }

        @Test
        void aManualLicenseOfAProductNoRuleNamesIsNotReclaimable() {
            ReconciliationResult r = reconcile(TestTenant.create().user("jan@x").buy(E1, 1).holds("jan@x", E1, null));

            assertThat(result(r, "jan@x", E1).code()).isNull();
            assertThat(shortfall(r, E1).reclaimable()).isZero();
        }

        @Test
        void aLicenseTheRunAssignsIsNotReclaimableEvenForABlockedAccountTheJobAllows() {
            // R3 reports *kept* licenses as reclaimable; R8 tells kept from assigned.
            ReconciliationResult r = reconcile(TestTenant.create().user("eva@x", false, true, "NL").buy(E3, 1)
                    .rule("G", E3).member("G", "eva@x"), TestTenant.policies(false, true, "", Reclaim.NONE, 20));

            assertThat(result(r, "eva@x", E3)).isEqualTo(new LicenseResult("eva@x", E3, Outcome.ASSIGN, null,
                    Plans.none()));
            assertThat(shortfall(r, E3).reclaimable()).isZero();
        }

        @Test
        void aBlockedUsersKeptLicenseIsReclaimable() {
            ReconciliationResult r = reconcile(TestTenant.create().user("eva@x", false, true, "NL").buy(E1, 1)
                    .holds("eva@x", E1, null));

            assertThat(result(r, "eva@x", E1).code()).isEqualTo(ErrorCode.ACCOUNT_BLOCKED);
            assertThat(shortfall(r, E1).reclaimable()).isEqualTo(1);
        }
    }

    @Nested
    class ServicePlanChecks {

        @Test
        void e3SharePointConflictsWithTheSharePointOfAHeldE1() {
            ReconciliationResult r = reconcile(TestTenant.create().user("hanna@x").buy(E1, 1).buy(E3, 1)
                    .holds("hanna@x", E1, null).rule("G", E3).member("G", "hanna@x"));

            assertThat(result(r, "hanna@x", E3).code()).isEqualTo(ErrorCode.MUTUALLY_EXCLUSIVE_VIOLATION);
            Problem p = refusal(r, "hanna@x", E3);
            assertThat(p.fix()).isEqualTo("Review the services included with each license: turn off "
                    + "SHAREPOINTENTERPRISE in Office 365 E3 or SHAREPOINTSTANDARD in Office 365 E1, then try again.");
            assertThat(p.message()).contains("Office 365 E3 (ENTERPRISEPACK)", "SHAREPOINTSTANDARD",
                    "Office 365 E1 (STANDARDPACK)");
            assertThat(shortfall(r, E3).requested()).isZero();
        }

        @Test
        void turningOffTheE3SharePointPlanResolvesTheConflict() {
            ReconciliationResult r = reconcile(TestTenant.create().user("hanna@x").buy(E1, 1).buy(E3, 1)
                    .holds("hanna@x", E1, null).rule("G", E3, "SHAREPOINTENTERPRISE").member("G", "hanna@x"));

            assertThat(result(r, "hanna@x", E3).outcome()).isEqualTo(Outcome.ASSIGN);
        }

        @Test
        void turningOffTheE1SharePointPlanResolvesTheConflict() {
            ReconciliationResult r = reconcile(TestTenant.create().user("hanna@x").buy(E1, 1).buy(E3, 1)
                    .holds("hanna@x", E1, null, "SHAREPOINTSTANDARD").rule("G", E3).member("G", "hanna@x"));

            assertThat(result(r, "hanna@x", E3).outcome()).isEqualTo(Outcome.ASSIGN);
        }

        @Test
        void anUpdateIsNotRefusedForAConflictTheUserAlreadyHad() {
            ReconciliationResult r = reconcile(TestTenant.create().user("hanna@x").buy(E1, 1).buy(E3, 1)
                    .holds("hanna@x", E1, null).holds("hanna@x", E3, "G").rule("G", E3, "SWAY").member("G", "hanna@x"));

            assertThat(result(r, "hanna@x", E3).outcome()).isEqualTo(Outcome.UPDATE_SERVICES);
        }

        @Test
        void planRulesMatchPlanNamesInAnyCasing() {
            ServicePlanRules lowerCase = new ServicePlanRules(List.of(new ServicePlanRule("sharepointstandard",
                    ServicePlanRule.Relation.CONFLICTS_WITH, List.of("SharePointEnterprise"))));
            ReconciliationResult r = reconcile(TestTenant.create(lowerCase).user("hanna@x").buy(E3, 1)
                    .holds("hanna@x", E1, null).rule("G", E3).member("G", "hanna@x"));

            assertThat(result(r, "hanna@x", E3).code()).isEqualTo(ErrorCode.MUTUALLY_EXCLUSIVE_VIOLATION);
        }

        @Test
        void aPlanThatRequiresAnotherNeedsALicenseThatTurnsItOn() {
            ReconciliationResult r = reconcile(TestTenant.create().user("solo@x", "teams@x").buy(AUDIO, 5)
                    .buy(EMS, 5).holds("solo@x", EMS, null).holds("teams@x", E1, null)
                    .rule("Voice", AUDIO).member("Voice", "solo@x", "teams@x"));

            assertThat(result(r, "solo@x", AUDIO).code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
            assertThat(refusal(r, "solo@x", AUDIO).message()).contains("MCOSTANDARD or TEAMS1");
            assertThat(result(r, "teams@x", AUDIO).outcome()).isEqualTo(Outcome.ASSIGN);
        }

        @Test
        void aRemovalThatAnotherLicenseDependsOnIsRefusedAndKeepsItsSeat() {
            ReconciliationResult r = reconcile(TestTenant.create().user("ivo@x").buy(E1, 1).buy(AUDIO, 1)
                    .holds("ivo@x", E1, "Field").holds("ivo@x", AUDIO, null).rule("Field", E1));

            assertThat(result(r, "ivo@x", E1)).isEqualTo(new LicenseResult("ivo@x", E1, Outcome.FAILED,
                    ErrorCode.DEPENDENCY_VIOLATION, Plans.none()));
            Problem p = refusal(r, "ivo@x", E1);
            assertThat(p.code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
            assertThat(p.message()).contains("MCOMEETADV", "Microsoft 365 Audio Conferencing");
            assertThat(shortfall(r, E1).assignedAfter()).isEqualTo(1);
            assertThat(r.actions()).isEmpty();
            assertThat(r.unassignCount()).isZero();
        }

        @Test
        void aRemovalIsFineWhenAnotherKeptLicenseStillProvidesThePrerequisite() {
            ReconciliationResult r = reconcile(TestTenant.create().user("ivo@x").buy(E1, 1).buy(AUDIO, 1)
                    .buy(E3, 1).holds("ivo@x", E1, "Field").holds("ivo@x", AUDIO, null)
                    .holds("ivo@x", E3, null, "SHAREPOINTENTERPRISE", "SHAREPOINTWAC").rule("Field", E1));

            assertThat(result(r, "ivo@x", E1).outcome()).isEqualTo(Outcome.UNASSIGN);
        }

        @Test
        void aRemovalIsRefusedWhenItTakesAwayWhatAKeptPlanNeeds() {
            // E3's Office for the web needs a SharePoint plan; with E3's own SharePoint off only E1 provides one.
            ReconciliationResult r = reconcile(TestTenant.create().user("ivo@x").buy(E1, 1).buy(E3, 1)
                    .holds("ivo@x", E1, "Field").holds("ivo@x", E3, null, "SHAREPOINTENTERPRISE").rule("Field", E1));

            assertThat(result(r, "ivo@x", E1).code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
            assertThat(refusal(r, "ivo@x", E1).message()).contains("SHAREPOINTWAC in Office 365 E3 (ENTERPRISEPACK)");
        }

        @Test
        void anUpdateThatTurnsOffAPrerequisiteIsRefusedAndKeepsTheOldPlans() {
            ReconciliationResult r = reconcile(TestTenant.create().user("ivo@x").buy(E3, 1).buy(AUDIO, 1)
                    .holds("ivo@x", E3, "IT").holds("ivo@x", AUDIO, null)
                    .rule("IT", E3, "TEAMS1", "MCOSTANDARD").member("IT", "ivo@x"));

            assertThat(result(r, "ivo@x", E3)).isEqualTo(new LicenseResult("ivo@x", E3, Outcome.FAILED,
                    ErrorCode.DEPENDENCY_VIOLATION, Plans.none()));
            assertThat(r.actions()).isEmpty();
        }
    }

    @Nested
    class CheckOrder {

        private ReconciliationResult assignTo(TestTenant t, String user, String sku, Policies policies) {
            return reconcile(t.rule("G", sku).member("G", user), policies);
        }

        @Test
        void selfServiceComesFirst() {
            TestTenant t = TestTenant.create().user("x@x", true, true, "")
                    .buy(PBI, 5, SubscriptionStatus.SUSPENDED, PurchaseChannel.SELF_SERVICE, "x@x", "14.00");
            assertThat(result(assignTo(t, "x@x", PBI, Policies.defaults()), "x@x", PBI).code())
                    .isEqualTo(ErrorCode.SELF_SERVICE_SUBSCRIPTION);
        }

        @Test
        void thenAnInactiveSubscription() {
            TestTenant t = TestTenant.create().user("x@x", true, true, "")
                    .buy(E3, 5, SubscriptionStatus.SUSPENDED, PurchaseChannel.ADMIN, null, null)
                    .buy(E3, 5, SubscriptionStatus.ENABLED, PurchaseChannel.SELF_SERVICE, null, null);
            assertThat(result(assignTo(t, "x@x", E3, Policies.defaults()), "x@x", E3).code())
                    .isEqualTo(ErrorCode.SUBSCRIPTION_INACTIVE);
        }

        @Test
        void thenGuestThenBlockedThenUsageLocation() {
            TestTenant guest = TestTenant.create().user("x@x", true, true, "").buy(E3, 0);
            TestTenant blocked = TestTenant.create().user("x@x", false, true, "").buy(E3, 0);
            TestTenant noLocation = TestTenant.create().user("x@x", false, false, "").buy(E3, 0);
            assertThat(result(assignTo(guest, "x@x", E3, Policies.defaults()), "x@x", E3).code())
                    .isEqualTo(ErrorCode.GUEST_NOT_ALLOWED);
            assertThat(result(assignTo(blocked, "x@x", E3, Policies.defaults()), "x@x", E3).code())
                    .isEqualTo(ErrorCode.ACCOUNT_BLOCKED);
            assertThat(result(assignTo(noLocation, "x@x", E3, Policies.defaults()), "x@x", E3).code())
                    .isEqualTo(ErrorCode.USAGE_LOCATION_MISSING);
        }

        @Test
        void policiesLetGuestsBlockedAccountsAndADefaultLocationThrough() {
            TestTenant t = TestTenant.create().user("x@x", true, true, "").buy(E3, 1);
            ReconciliationResult r = assignTo(t, "x@x", E3, TestTenant.policies(true, true, "NL", Reclaim.NONE, 20));
            assertThat(result(r, "x@x", E3).outcome()).isEqualTo(Outcome.ASSIGN);
        }

        @Test
        void thenConflictsThenDependenciesThenSeats() {
            TestTenant conflict = TestTenant.create().user("x@x", false, false, "NL").buy(E3, 0)
                    .holds("x@x", E1, null);
            TestTenant dependency = TestTenant.create().user("x@x", false, false, "NL").buy(AUDIO, 0);
            TestTenant seats = TestTenant.create().user("x@x", false, false, "NL").buy(AUDIO, 0)
                    .holds("x@x", E1, null);
            assertThat(result(assignTo(conflict, "x@x", E3, Policies.defaults()), "x@x", E3).code())
                    .isEqualTo(ErrorCode.MUTUALLY_EXCLUSIVE_VIOLATION);
            assertThat(result(assignTo(dependency, "x@x", AUDIO, Policies.defaults()), "x@x", AUDIO).code())
                    .isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
            assertThat(result(assignTo(seats, "x@x", AUDIO, Policies.defaults()), "x@x", AUDIO).code())
                    .isEqualTo(ErrorCode.COUNT_VIOLATION);
        }
    }

    @Nested
    class SeatsAndShortfall {

        @Test
        void keptLicensesOccupySeatsEvenBeyondCapacity() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x", "b@x", "c@x", "d@x").buy(E3, 2)
                    .rule("G", E3).member("G", "a@x", "b@x", "c@x", "d@x")
                    .holds("a@x", E3, "G").holds("b@x", E3, "G").holds("c@x", E3, "G"));

            assertThat(r.results()).extracting(LicenseResult::outcome)
                    .containsExactly(Outcome.KEEP, Outcome.KEEP, Outcome.KEEP, Outcome.FAILED);
            Shortfall s = shortfall(r, E3);
            assertThat(List.of(s.capacity(), s.assignedBefore(), s.assignedAfter(), s.requested(), s.shortfall()))
                    .containsExactly(2, 3, 3, 1, 2);
            assertThat(refusal(r, "d@x", E3).message())
                    .isEqualTo("Office 365 E3 (ENTERPRISEPACK) has no free seat: 3 of 2 in use.");
            assertThat(refusal(r, "d@x", E3).fix()).isEqualTo("Buy 2 more Office 365 E3 licenses, or reclaim unused ones.");
        }

        @Test
        void aRemovalFreesASeatForANewAssignment() {
            ReconciliationResult r = reconcile(TestTenant.create().user("gijs@x", "ivo@x").buy(E3, 1)
                    .rule("IT", E3).member("IT", "gijs@x").holds("ivo@x", E3, "IT"));

            assertThat(result(r, "ivo@x", E3).outcome()).isEqualTo(Outcome.UNASSIGN);
            assertThat(result(r, "gijs@x", E3).outcome()).isEqualTo(Outcome.ASSIGN);
            assertThat(shortfall(r, E3).shortfall()).isZero();
        }

        @Test
        void selfServiceOnlyAndInactiveProductsShowNoShortfall() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x", "b@x")
                    .buy(PBI, 5, SubscriptionStatus.ENABLED, PurchaseChannel.SELF_SERVICE, "a@x", "14.00")
                    .buy(E3, 5, SubscriptionStatus.DELETED, PurchaseChannel.ADMIN, "buyer@x", "36.00")
                    .rule("G", PBI).rule("G", E3).member("G", "a@x", "b@x").holds("b@x", E3, "G"));

            assertThat(result(r, "a@x", PBI).code()).isEqualTo(ErrorCode.SELF_SERVICE_SUBSCRIPTION);
            assertThat(refusal(r, "a@x", PBI).fix()).contains("take over the self-service subscription first");
            assertThat(result(r, "a@x", E3).code()).isEqualTo(ErrorCode.SUBSCRIPTION_INACTIVE);
            assertThat(result(r, "b@x", E3).outcome()).isEqualTo(Outcome.KEEP);
            assertThat(shortfall(r, PBI)).extracting(Shortfall::capacity, Shortfall::requested, Shortfall::shortfall)
                    .containsExactly(0, 0, 0);
            assertThat(shortfall(r, E3)).extracting(Shortfall::capacity, Shortfall::assignedAfter, Shortfall::shortfall)
                    .containsExactly(0, 1, 0);
        }

        @Test
        void aSelfServiceProductCanNeitherBeRemoved() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x")
                    .buy(PBI, 5, SubscriptionStatus.ENABLED, PurchaseChannel.SELF_SERVICE, "a@x", "14.00")
                    .rule("G", PBI).holds("a@x", PBI, "G"));

            assertThat(result(r, "a@x", PBI).code()).isEqualTo(ErrorCode.SELF_SERVICE_SUBSCRIPTION);
            assertThat(r.unassignCount()).isZero();
        }

        @Test
        void aProductARuleNamesButNobodyBoughtHasCapacityZero() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x").rule("G", EMS).member("G", "a@x"));

            assertThat(shortfall(r, EMS)).extracting(Shortfall::product, Shortfall::capacity, Shortfall::shortfall,
                    Shortfall::unitPrice).containsExactly("Enterprise Mobility + Security E3", 0, 1, null);
        }

        @Test
        void purchasersPriceAndCostComeFromTheSubscriptions() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x", "b@x", "c@x")
                    .buy(EMS, 1, SubscriptionStatus.SUSPENDED, PurchaseChannel.ADMIN, "Old@x", "9.5")
                    .buy(EMS, 1, SubscriptionStatus.ENABLED, PurchaseChannel.ADMIN, "sec@x;old@x", "10.6")
                    .buy(EMS, 0, SubscriptionStatus.ENABLED, PurchaseChannel.ADMIN, "SEC@x;new@x", "11.00")
                    .rule("G", EMS).member("G", "a@x", "b@x", "c@x"));

            Shortfall s = shortfall(r, EMS);
            assertThat(s.purchasers()).containsExactly("Old@x", "sec@x", "new@x");
            assertThat(s.unitPrice().toPlainString()).isEqualTo("10.60");
            assertThat(s.shortfall()).isEqualTo(2);
            assertThat(s.shortfallCost().toPlainString()).isEqualTo("21.20");
        }

        @Test
        void productsOnlyHeldButNeitherBoughtNorNamedByARuleHaveNoShortfallRow() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x").holds("a@x", E1, null));

            assertThat(r.shortfalls()).isEmpty();
        }
    }

    @Nested
    class Reclaiming {

        private TestTenant tenant() {
            return TestTenant.create().user("eva@x", false, true, "NL").user("jan@x").buy(E1, 5).buy(E3, 5)
                    .buy(AUDIO, 5).rule("Sales", E3).member("Sales", "eva@x")
                    .holds("eva@x", E3, "Sales").holds("eva@x", E1, null).holds("eva@x", AUDIO, null)
                    .holds("jan@x", E3, null).holds("jan@x", E1, null);
        }

        @Test
        void noneOnlyReports() {
            ReconciliationResult r = reconcile(tenant());
            assertThat(r.results()).extracting(x -> x.sku() + " " + x.outcome() + " " + x.code()).containsExactly(
                    "ENTERPRISEPACK KEEP ACCOUNT_BLOCKED", "MCOMEETADV KEEP ACCOUNT_BLOCKED",
                    "STANDARDPACK KEEP ACCOUNT_BLOCKED", "ENTERPRISEPACK KEEP NOT_ENTITLED", "STANDARDPACK KEEP null");
            assertThat(shortfall(r, E3).reclaimable()).isEqualTo(2);
            assertThat(r.unassignCount()).isZero();
        }

        @Test
        void blockedRemovesEveryLicenseOfBlockedAccountsEvenOnesThatDependOnEachOther() {
            ReconciliationResult r = reconcile(tenant(), TestTenant.policies(false, false, "", Reclaim.BLOCKED, 20));
            assertThat(r.results()).extracting(x -> x.sku() + " " + x.outcome() + " " + x.code()).containsExactly(
                    "ENTERPRISEPACK UNASSIGN ACCOUNT_BLOCKED", "MCOMEETADV UNASSIGN ACCOUNT_BLOCKED",
                    "STANDARDPACK UNASSIGN ACCOUNT_BLOCKED", "ENTERPRISEPACK KEEP NOT_ENTITLED", "STANDARDPACK KEEP null");
            assertThat(r.unassignCount()).isEqualTo(3);
        }

        @Test
        void notEntitledRemovesManualLicensesOfProductsARuleNames() {
            ReconciliationResult r = reconcile(tenant(),
                    TestTenant.policies(false, false, "", Reclaim.NOT_ENTITLED, 20));
            assertThat(result(r, "jan@x", E3)).extracting(LicenseResult::outcome, LicenseResult::code)
                    .containsExactly(Outcome.UNASSIGN, ErrorCode.NOT_ENTITLED);
            assertThat(result(r, "jan@x", E1).outcome()).isEqualTo(Outcome.KEEP);
            assertThat(result(r, "eva@x", E1).outcome()).isEqualTo(Outcome.KEEP);
            assertThat(r.unassignCount()).isEqualTo(1);
        }

        @Test
        void allDoesBoth() {
            ReconciliationResult r = reconcile(tenant(), TestTenant.policies(false, false, "", Reclaim.ALL, 20));
            assertThat(r.unassignCount()).isEqualTo(4);
        }

        @Test
        void reclaimingIsARemovalSubjectToTheChecks() {
            ReconciliationResult r = reconcile(TestTenant.create().user("jan@x").buy(E1, 5).buy(AUDIO, 5)
                    .rule("Office", E1).holds("jan@x", E1, null).holds("jan@x", AUDIO, null),
                    TestTenant.policies(false, false, "", Reclaim.NOT_ENTITLED, 20));
            assertThat(result(r, "jan@x", E1).code()).isEqualTo(ErrorCode.DEPENDENCY_VIOLATION);
            assertThat(r.unassignCount()).isZero();
        }
    }

    @Nested
    class EdgeCases {

        @Test
        void aUserWithNothingHeldOrWantedHasNoRowsAndAnEmptyGroupStillGivesItsProductARow() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x", "Nobody@x").buy(E3, 0)
                    .rule("Empty", EMS).rule("G", E3).rule("G", E3).member("G", "a@x"));

            assertThat(r.results()).extracting(LicenseResult::user).containsExactly("a@x");
            assertThat(shortfall(r, EMS)).extracting(Shortfall::capacity, Shortfall::requested, Shortfall::shortfall)
                    .containsExactly(0, 0, 0);
            // A duplicated rule is one entitlement: one request, one seat short.
            assertThat(shortfall(r, E3)).extracting(Shortfall::requested, Shortfall::shortfall).containsExactly(1, 1);
        }

        @Test
        void aDisabledPlanTheProductLacksIsIgnoredAndUpnCasingIsKept() {
            ReconciliationResult r = reconcile(TestTenant.create().user("Anna.Bakker@X").buy(EMS, 1)
                    .rule("G", EMS, "SWAY").member("G", "anna.bakker@x"));

            assertThat(r.results()).containsExactly(new LicenseResult("Anna.Bakker@X", EMS, Outcome.ASSIGN, null,
                    Plans.none()));
            assertThat(r.actions()).singleElement().satisfies(a -> {
                assertThat(a.users()).containsExactly("Anna.Bakker@X");
                assertThat(a.disabledPlans()).isEmpty();
            });
        }
    }

    @Nested
    class Batches {

        private TestTenant groupOf(int users) {
            TestTenant t = TestTenant.create().buy(E3, 1000);
            for (int i = 0; i < users; i++) {
                String upn = String.format("user%03d@x", (i * 37) % users);
                t.user(upn).member("G", upn);
            }
            return t.rule("G", E3);
        }

        @Test
        void aBatchHoldsAtMostTwentyUsersInUpnOrder() {
            ReconciliationResult r = reconcile(groupOf(45));
            assertThat(r.actions()).extracting(a -> a.users().size()).containsExactly(20, 20, 5);
            assertThat(r.actions()).extracting(ProductAction::batch).containsExactly(1, 2, 3);
            assertThat(r.actions().get(0).users().get(0)).isEqualTo("user000@x");
            assertThat(r.actions().get(2).users()).last().isEqualTo("user044@x");
        }

        @Test
        void theBatchSizeCanBeAnythingFromOneToTwenty() {
            for (int size = 1; size <= 20; size++) {
                ReconciliationResult r = reconcile(groupOf(45), TestTenant.policies(false, false, "", Reclaim.NONE, size));
                int batchSize = size;
                assertThat(r.actions()).hasSize((45 + size - 1) / size)
                        .allSatisfy(a -> assertThat(a.users()).hasSizeLessThanOrEqualTo(batchSize));
                assertThat(r.actions().stream().flatMap(a -> a.users().stream())).hasSize(45).doesNotHaveDuplicates()
                        .isSorted();
            }
        }

        @Test
        void batchesAreNumberedByOperationSkuDisabledPlansAndFirstUser() {
            ReconciliationResult r = reconcile(TestTenant.create().user("a@x", "b@x", "c@x", "d@x").buy(E3, 9)
                    .buy(EMS, 9).buy(F3, 9)
                    .rule("Plain", E3).rule("NoSway", E3, "SWAY").rule("Mobile", EMS).rule("Old", F3)
                    .member("Plain", "d@x").member("NoSway", "a@x").member("Mobile", "c@x")
                    .holds("b@x", F3, "Old").holds("c@x", E3, "Plain").member("Plain", "c@x")
                    .holds("c@x", E1, null, "SWAY"), TestTenant.policies(false, false, "", Reclaim.NONE, 1));

            assertThat(r.actions()).extracting(a -> a.batch() + " " + a.operation() + " " + a.sku() + " "
                    + Plans.join(a.disabledPlans()) + " " + a.users()).containsExactly(
                    "1 UNASSIGN DESKLESSPACK  [b@x]",
                    "2 ASSIGN EMS  [c@x]",
                    "3 ASSIGN ENTERPRISEPACK  [d@x]",
                    "4 ASSIGN ENTERPRISEPACK SWAY [a@x]");
        }
    }
}
