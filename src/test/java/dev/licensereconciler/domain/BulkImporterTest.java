package dev.licensereconciler.domain;

import static dev.licensereconciler.domain.TestTenant.AUDIO;
import static dev.licensereconciler.domain.TestTenant.E1;
import static dev.licensereconciler.domain.TestTenant.E3;
import static dev.licensereconciler.domain.TestTenant.EMS;
import static dev.licensereconciler.domain.TestTenant.shortfall;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkImporterTest {

    private final List<LicenseRequest> requests = new ArrayList<>();

    /** Adds a request row; lines count from 2, the header being line 1. */
    private BulkImporterTest row(String user, RequestAction action, String skus, String... disabled) {
        requests.add(new LicenseRequest(requests.size() + 2, user, action, Arrays.asList(skus.split("\\+")),
                Plans.of(disabled)));
        return this;
    }

    private ReconciliationResult run(TestTenant tenant) {
        return run(tenant, Policies.defaults());
    }

    private ReconciliationResult run(TestTenant tenant, Policies policies) {
        return new BulkImporter(policies).run(tenant.build(), requests);
    }

    private static List<String> results(ReconciliationResult r) {
        return r.results().stream().map(x -> x.user() + " " + x.sku() + " " + x.outcome()
                + (x.code() == null ? "" : " " + x.code())
                + (x.disabledPlans().isEmpty() ? "" : " " + Plans.join(x.disabledPlans()))).toList();
    }

    private static List<String> actions(ReconciliationResult r) {
        return r.actions().stream().map(a -> a.batch() + " " + a.operation() + " " + a.sku()
                + (a.disabledPlans().isEmpty() ? "" : " " + Plans.join(a.disabledPlans())) + " " + a.users()).toList();
    }

    @Test
    void assignAddsNewLicensesUpdatesDirectOnesAndLeavesSameOnesAlone() {
        TestTenant t = TestTenant.create().user("a@x", "b@x", "c@x").buy(E3, 5)
                .holds("b@x", E3, null).holds("c@x", E3, "Direct", "SWAY");
        row("a@x", RequestAction.ASSIGN, E3, "SWAY").row("b@x", RequestAction.ASSIGN, E3, "SWAY")
                .row("c@x", RequestAction.ASSIGN, E3, "SWAY");

        ReconciliationResult r = run(t);

        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK ASSIGN SWAY",
                "b@x ENTERPRISEPACK UPDATE_SERVICES SWAY", "c@x ENTERPRISEPACK KEEP SWAY");
        assertThat(actions(r)).containsExactly("1 UPDATE_SERVICES ENTERPRISEPACK SWAY [b@x]",
                "2 ASSIGN ENTERPRISEPACK SWAY [a@x]");
        assertThat(r.refusals()).isEmpty();
    }

    @Test
    void aLicenseFromARuleCannotBeChangedDirectlyUnlessNothingWouldChange() {
        TestTenant t = TestTenant.create().user("a@x").buy(E3, 5).buy(EMS, 5).rule("Sales", E3)
                .member("Sales", "a@x").holds("a@x", E3, "Sales").holds("a@x", EMS, "Sales");
        row("a@x", RequestAction.ASSIGN, E3).row("a@x", RequestAction.ASSIGN, E3, "SWAY")
                .row("a@x", RequestAction.UNASSIGN, E3).row("a@x", RequestAction.SET_SERVICES, EMS, "INTUNE_A");

        ReconciliationResult r = run(t);

        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK KEEP",
                "a@x ENTERPRISEPACK FAILED INHERITED_LICENSE", "a@x ENTERPRISEPACK FAILED INHERITED_LICENSE",
                "a@x EMS FAILED INHERITED_LICENSE");
        assertThat(r.refusals()).extracting(Problem::file, Problem::line, Problem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("requests.csv", 3, ErrorCode.INHERITED_LICENSE),
                org.assertj.core.groups.Tuple.tuple("requests.csv", 4, ErrorCode.INHERITED_LICENSE),
                org.assertj.core.groups.Tuple.tuple("requests.csv", 5, ErrorCode.INHERITED_LICENSE));
        assertThat(r.refusals().get(0).fix()).contains("Sales");
        assertThat(r.actions()).isEmpty();
    }

    @Test
    void setServicesOfARuleLicenseIsInheritedEvenWhenThePlansWouldNotChange() {
        // §7: SET_SERVICES gives INHERITED_LICENSE "as for UNASSIGN"; only ASSIGN has "unless nothing would change".
        TestTenant t = TestTenant.create().user("a@x").buy(E3, 5).rule("Sales", E3, "SWAY").member("Sales", "a@x")
                .holds("a@x", E3, "Sales", "SWAY");
        row("a@x", RequestAction.SET_SERVICES, E3, "SWAY").row("a@x", RequestAction.ASSIGN, E3, "SWAY");

        ReconciliationResult r = run(t);

        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK FAILED INHERITED_LICENSE SWAY",
                "a@x ENTERPRISEPACK KEEP SWAY");
        assertThat(r.refusals()).extracting(Problem::line).containsExactly(2);
        assertThat(r.actions()).isEmpty();
    }

    @Test
    void onlyKeptLicensesCountAsReclaimableNotOnesTheImportAssigns() {
        TestTenant t = TestTenant.create().user("a@x", "b@x").buy(E3, 5).rule("Sales", E3).holds("b@x", E3, null);
        row("a@x", RequestAction.ASSIGN, E3);

        ReconciliationResult r = run(t);

        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK ASSIGN");
        assertThat(shortfall(r, E3).reclaimable()).isEqualTo(1); // b@x's manual license, which no rule gives him
    }

    @Test
    void unassignAndSetServicesOfALicenseTheUserLacksAreNotAssigned() {
        TestTenant t = TestTenant.create().user("a@x").buy(E3, 5);
        row("a@x", RequestAction.UNASSIGN, E3).row("a@x", RequestAction.SET_SERVICES, E3, "SWAY");

        ReconciliationResult r = run(t);

        // §5: disabledPlans as after the run; the user still lacks the license, so none are shown.
        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK FAILED NOT_ASSIGNED",
                "a@x ENTERPRISEPACK FAILED NOT_ASSIGNED");
        assertThat(r.refusals()).extracting(Problem::line).containsExactly(2, 3);
    }

    @Test
    void unassignRemovesADirectLicenseAndSetServicesChangesOne() {
        TestTenant t = TestTenant.create().user("a@x", "b@x").buy(E3, 5).holds("a@x", E3, null)
                .holds("b@x", E3, null);
        row("a@x", RequestAction.UNASSIGN, E3).row("b@x", RequestAction.SET_SERVICES, E3, "SWAY", "YAMMER_ENTERPRISE");

        ReconciliationResult r = run(t);

        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK UNASSIGN",
                "b@x ENTERPRISEPACK UPDATE_SERVICES SWAY;YAMMER_ENTERPRISE");
        assertThat(actions(r)).containsExactly("1 UNASSIGN ENTERPRISEPACK [a@x]",
                "2 UPDATE_SERVICES ENTERPRISEPACK SWAY;YAMMER_ENTERPRISE [b@x]");
        assertThat(r.unassignCount()).isEqualTo(1);
    }

    @Test
    void aSeatFreedByAnEarlierRowCanBeTakenByALaterOne() {
        TestTenant t = TestTenant.create().user("a@x", "b@x", "c@x").buy(E3, 1).holds("a@x", E3, null);
        row("b@x", RequestAction.ASSIGN, E3).row("a@x", RequestAction.UNASSIGN, E3).row("c@x", RequestAction.ASSIGN, E3);

        ReconciliationResult r = run(t);

        assertThat(results(r)).containsExactly("b@x ENTERPRISEPACK FAILED COUNT_VIOLATION", "a@x ENTERPRISEPACK UNASSIGN",
                "c@x ENTERPRISEPACK ASSIGN");
        assertThat(r.refusals()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.fix()).isEqualTo("Buy 1 more Office 365 E3 license, or reclaim unused ones.");
        });
        Shortfall s = shortfall(r, E3);
        assertThat(List.of(s.capacity(), s.assignedBefore(), s.assignedAfter(), s.requested(), s.shortfall()))
                .containsExactly(1, 1, 1, 2, 1);
    }

    @Test
    void replaceRemovesUnlistedDirectLicensesKeepsRuleLicensesAndAssignsTheListedOnes() {
        // Audio Conferencing depends on E1's Teams, but both leave together, so neither holds the other back.
        TestTenant t = TestTenant.create().user("a@x").buy(E1, 5).buy(E3, 5).buy(EMS, 5).buy(AUDIO, 5)
                .holds("a@x", E1, null).holds("a@x", AUDIO, null).holds("a@x", EMS, "Mobile").rule("Mobile", EMS)
                .member("Mobile", "a@x");
        row("a@x", RequestAction.REPLACE, E3 + "+" + EMS);

        ReconciliationResult r = run(t);

        // One results row per request item (§7): the removals show as actions, not as items of the row.
        assertThat(results(r)).containsExactly("a@x EMS KEEP", "a@x ENTERPRISEPACK ASSIGN");
        assertThat(actions(r)).containsExactly("1 UNASSIGN MCOMEETADV [a@x]", "2 UNASSIGN STANDARDPACK [a@x]",
                "3 ASSIGN ENTERPRISEPACK [a@x]");
    }

    @Test
    void aRemovalAnotherKeptLicenseDependsOnIsRefused() {
        TestTenant t = TestTenant.create().user("a@x").buy(E1, 5).buy(AUDIO, 5).holds("a@x", E1, null)
                .holds("a@x", AUDIO, null);
        row("a@x", RequestAction.UNASSIGN, E1);

        ReconciliationResult r = run(t);

        assertThat(results(r)).containsExactly("a@x STANDARDPACK FAILED DEPENDENCY_VIOLATION");
        assertThat(shortfall(r, E1).assignedAfter()).isEqualTo(1);
    }

    @Test
    void theJobsDefaultUsageLocationDoesNotApplyToDirectAssignments() {
        TestTenant t = TestTenant.create().user("a@x", false, false, "").buy(E3, 5);
        row("a@x", RequestAction.ASSIGN, E3);

        ReconciliationResult r = run(t, TestTenant.policies(false, false, "NL", Reclaim.NONE, 20));

        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK FAILED USAGE_LOCATION_MISSING");
        assertThat(r.refusals().get(0).fix()).doesNotContain("defaultUsageLocation");
    }

    @Test
    void actionsAreTheNetChangeAndTheRemovalGuardIsNotApplied() {
        TestTenant t = TestTenant.create().user("a@x", "b@x", "c@x").buy(E3, 5).buy(EMS, 5)
                .holds("b@x", E3, null).holds("c@x", E3, null);
        row("a@x", RequestAction.ASSIGN, E3 + "+" + EMS).row("a@x", RequestAction.UNASSIGN, E3)
                .row("b@x", RequestAction.UNASSIGN, E3).row("c@x", RequestAction.UNASSIGN, E3);

        ReconciliationResult r = run(t, new Policies(false, false, "", Reclaim.NONE, 0, 20));

        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK ASSIGN", "a@x EMS ASSIGN",
                "a@x ENTERPRISEPACK UNASSIGN", "b@x ENTERPRISEPACK UNASSIGN", "c@x ENTERPRISEPACK UNASSIGN");
        assertThat(actions(r)).containsExactly("1 UNASSIGN ENTERPRISEPACK [b@x, c@x]", "2 ASSIGN EMS [a@x]");
        assertThat(r.unassignCount()).isEqualTo(2);
    }

    @Test
    void aLicenseAssignedByTheImportIsDirectSoALaterRowMayRemoveIt() {
        TestTenant t = TestTenant.create().user("a@x").buy(E3, 5).rule("Sales", E3).member("Sales", "a@x");
        row("a@x", RequestAction.ASSIGN, E3).row("a@x", RequestAction.SET_SERVICES, E3, "SWAY")
                .row("a@x", RequestAction.UNASSIGN, E3);

        ReconciliationResult r = run(t);

        assertThat(results(r)).containsExactly("a@x ENTERPRISEPACK ASSIGN", "a@x ENTERPRISEPACK UPDATE_SERVICES SWAY",
                "a@x ENTERPRISEPACK UNASSIGN");
        assertThat(r.actions()).isEmpty();
    }
}
