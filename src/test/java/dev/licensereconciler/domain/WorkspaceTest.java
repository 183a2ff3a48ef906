package dev.licensereconciler.domain;

import static dev.licensereconciler.domain.TestTenant.AUDIO;
import static dev.licensereconciler.domain.TestTenant.E1;
import static dev.licensereconciler.domain.TestTenant.E3;
import static dev.licensereconciler.domain.TestTenant.EMS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The changes both runs make, in their one home: R6 checks first, then seats (R7). What a run
 * reports (R8's assigned after, requested, shortfall) is what these counters end up as.
 */
class WorkspaceTest {

    private static Workspace load(TestTenant tenant) {
        return Workspace.load(tenant.build(), Policies.defaults(), List.of(), ManagedLicenses.none());
    }

    private static Slot slot(Workspace w, String upn, String sku) {
        return w.slot(w.snapshot.userIndex(upn), w.product(sku));
    }

    @Test
    void anAssignmentTakesAFreeSeatAndCountsAsRequested() {
        Workspace w = load(TestTenant.create().user("ann@contoso.example").buy(EMS, 1));
        Slot s = slot(w, "ann@contoso.example", EMS);
        PlanSelection plans = s.product.none();

        assertThat(w.assign(s, plans, false)).isEmpty();

        assertThat(s.now).isSameAs(plans);
        assertThat(s.managed).isFalse();
        assertThat(s.product.occupied()).isEqualTo(1);
        assertThat(s.product.requested()).isEqualTo(1);
        assertThat(s.product.shortfall()).isZero();
    }

    @Test
    void withoutAFreeSeatTheAssignmentIsACountViolationWordedOnceTheNumberToBuyIsKnown() {
        Workspace w = load(TestTenant.create().user("ann@contoso.example", "bob@contoso.example").buy(EMS, 1)
                .holds("bob@contoso.example", EMS, null));
        Slot s = slot(w, "ann@contoso.example", EMS);

        Optional<Refusal> refused = w.assign(s, s.product.none(), true);

        assertThat(refused).contains(Refusal.NO_SEAT);
        assertThat(s.heldNow()).isFalse();
        assertThat(s.product.occupied()).isEqualTo(1);
        assertThat(s.product.requested()).isEqualTo(1);
        assertThat(s.product.shortfall()).isEqualTo(1);
        Refusal worded = refused.orElseThrow().worded(s.product);
        assertThat(worded.code()).isEqualTo(ErrorCode.COUNT_VIOLATION);
        assertThat(worded.message()).contains("has no free seat: 1 of 1 in use");
        assertThat(worded.fix()).startsWith("Buy 1 more ");
    }

    @Test
    void aRuleBasedAssignmentIsManagedFromThenOn() {
        Workspace w = load(TestTenant.create().user("ann@contoso.example").buy(EMS, 1));
        Slot s = slot(w, "ann@contoso.example", EMS);

        assertThat(w.assign(s, s.product.none(), true)).isEmpty();

        assertThat(s.managed).isTrue();
    }

    @Test
    void aRefusedAssignmentTakesNoSeatAndIsNotRequested() {
        Workspace w = load(TestTenant.create().user("ann@contoso.example", false, false, "").buy(EMS, 1));
        Slot s = slot(w, "ann@contoso.example", EMS);

        Optional<Refusal> refused = w.assign(s, s.product.none(), false);

        assertThat(refused).map(Refusal::code).contains(ErrorCode.USAGE_LOCATION_MISSING);
        assertThat(s.product.occupied()).isZero();
        assertThat(s.product.requested()).isZero();
    }

    @Test
    void aRemovalFreesItsSeatAtOnceForTheNextAssignment() {
        Workspace w = load(TestTenant.create().user("ann@contoso.example", "bob@contoso.example").buy(EMS, 1)
                .holds("bob@contoso.example", EMS, null));
        Slot bob = slot(w, "bob@contoso.example", EMS);
        bob.pendingRemoval = true;

        assertThat(w.remove(bob)).isEmpty();

        assertThat(bob.heldNow()).isFalse();
        assertThat(bob.pendingRemoval).isFalse();
        assertThat(bob.start).isNotNull();
        assertThat(bob.product.occupied()).isZero();
        assertThat(bob.product.assignedBefore()).isEqualTo(1);
        Slot ann = slot(w, "ann@contoso.example", EMS);
        assertThat(w.assign(ann, ann.product.none(), false)).isEmpty();
        assertThat(ann.product.occupied()).isEqualTo(1);
    }

    @Test
    void aRefusedRemovalKeepsTheLicenseAndItsSeat() {
        // Audio Conferencing requires Teams or Skype, which only E3 turns on here.
        Workspace w = load(TestTenant.create().user("ann@contoso.example").buy(E3, 1).buy(AUDIO, 1)
                .holds("ann@contoso.example", E3, null).holds("ann@contoso.example", AUDIO, null));
        Slot e3 = slot(w, "ann@contoso.example", E3);
        PlanSelection before = e3.now;

        Optional<Refusal> refused = w.remove(e3);

        assertThat(refused).map(Refusal::code).contains(ErrorCode.DEPENDENCY_VIOLATION);
        assertThat(e3.now).isSameAs(before);
        assertThat(e3.product.occupied()).isEqualTo(1);
    }

    @Test
    void anUpdateChangesThePlansAndKeepsTheSeat() {
        Workspace w = load(TestTenant.create().user("ann@contoso.example").buy(E1, 1)
                .holds("ann@contoso.example", E1, null));
        Slot s = slot(w, "ann@contoso.example", E1);
        PlanSelection fewer = s.product.select(Plans.of("SWAY"));

        assertThat(w.update(s, fewer)).isEmpty();

        assertThat(s.now).isSameAs(fewer);
        assertThat(s.start).isNotSameAs(fewer);
        assertThat(s.product.occupied()).isEqualTo(1);
        assertThat(s.product.requested()).isZero();
    }

    @Test
    void slotsAreNumberedInCreationOrderAndListedBySku() {
        Workspace w = load(TestTenant.create().user("ann@contoso.example").buy(EMS, 1).buy(E3, 1)
                .holds("ann@contoso.example", E3, null));
        int ann = w.snapshot.userIndex("ann@contoso.example");
        Slot e3 = w.first(ann);
        // EMS < ENTERPRISEPACK: the slot created later goes before the one there.
        Slot ems = w.slot(ann, w.product(EMS));

        assertThat(e3.id).isZero();
        assertThat(ems.id).isEqualTo(1);
        assertThat(w.slotCount()).isEqualTo(2);
        assertThat(w.first(ann)).isSameAs(ems);
        assertThat(ems.next).isSameAs(e3);
        assertThat(w.slot(ann, w.product(EMS))).isSameAs(ems);
        assertThat(w.find(ann, w.product(E3))).isSameAs(e3);
    }
}
