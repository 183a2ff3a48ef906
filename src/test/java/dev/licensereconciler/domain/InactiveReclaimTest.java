package dev.licensereconciler.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.licensereconciler.domain.TestTenant.E1;
import static dev.licensereconciler.domain.TestTenant.E3;
import static dev.licensereconciler.domain.TestTenant.PBI;
import static dev.licensereconciler.domain.TestTenant.REFRESHED;
import static dev.licensereconciler.domain.TestTenant.result;
import static dev.licensereconciler.domain.TestTenant.shortfall;
import static org.assertj.core.api.Assertions.assertThat;

/** R11 for inactive users: the INACTIVE mark, and reclaim: inactive with its notice runs. */
class InactiveReclaimTest {

    private static final LocalDate LONG_AGO = REFRESHED.minusDays(200);

    private static Policies policies(Reclaim reclaim, int noticeRuns) {
        return new Policies(false, false, "", reclaim, 500, 20).withInactivity(90, noticeRuns);
    }

    private static ReconciliationResult reconcile(TestTenant t, Policies p, InactiveNotice... prior) {
        return new Reconciler(p).reconcile(t.build(), new InactivityNotices("r2", List.of(prior)));
    }

    private static InactiveNotice notice(String upn, String sku, int runs) {
        return new InactiveNotice(upn, sku, "r1", runs, LONG_AGO, true);
    }

    @Test
    void ninetyDaysWithoutActivityMarkAKeptLicenseInactiveEightyNineDoNot() {
        TestTenant t = TestTenant.create().user("ann@x", "bob@x").buy(E1, 5)
                .holds("ann@x", E1, null).holds("bob@x", E1, null)
                .activity("ann@x", REFRESHED.minusDays(90)).activity("bob@x", REFRESHED.minusDays(89));

        ReconciliationResult r = reconcile(t, policies(Reclaim.NONE, 1));

        assertThat(result(r, "ann@x", E1).code()).isEqualTo(ErrorCode.INACTIVE);
        assertThat(result(r, "bob@x", E1).code()).isNull();
        assertThat(shortfall(r, E1).reclaimable()).isEqualTo(1);
        assertThat(r.notices()).as("reclaim: none gives no notice").isEmpty();
        assertThat(r.actions()).isEmpty();
    }

    @Test
    void aBlockedOrNotEntitledLicenseKeepsThatReason() {
        TestTenant t = TestTenant.create().user("eva@x", false, true, "NL").user("jan@x").buy(E1, 5).buy(E3, 5)
                .rule("G", E3).holds("eva@x", E1, null).holds("jan@x", E3, null)
                .activity("eva@x", LONG_AGO).activity("jan@x", LONG_AGO);

        ReconciliationResult r = reconcile(t, policies(Reclaim.NONE, 1));

        assertThat(result(r, "eva@x", E1).code()).isEqualTo(ErrorCode.ACCOUNT_BLOCKED);
        assertThat(result(r, "jan@x", E3).code()).isEqualTo(ErrorCode.NOT_ENTITLED);
    }

    @Test
    void theFirstRunGivesNoticeTheNextRemoves() {
        TestTenant first = TestTenant.create().user("ann@x").buy(E1, 5).holds("ann@x", E1, null)
                .activity("ann@x", LONG_AGO);

        ReconciliationResult r1 = reconcile(first, policies(Reclaim.INACTIVE, 1));
        assertThat(result(r1, "ann@x", E1).outcome()).isEqualTo(Outcome.KEEP);
        assertThat(r1.notices()).containsExactly(new InactiveNotice("ann@x", E1, "r2", 1, LONG_AGO, true));

        TestTenant second = TestTenant.create().user("ann@x").buy(E1, 5).holds("ann@x", E1, null)
                .activity("ann@x", LONG_AGO);
        ReconciliationResult r2 = reconcile(second, policies(Reclaim.INACTIVE, 1), notice("ANN@x", E1, 1));
        assertThat(result(r2, "ann@x", E1).outcome()).isEqualTo(Outcome.UNASSIGN);
        assertThat(result(r2, "ann@x", E1).code()).isEqualTo(ErrorCode.INACTIVE);
        assertThat(r2.unassignCount()).isEqualTo(1);
        assertThat(r2.notices()).isEmpty();
    }

    @Test
    void noticeRunsZeroRemovesAtOnceAndAllReclaimsInactiveToo() {
        TestTenant t = TestTenant.create().user("ann@x").buy(E1, 5).holds("ann@x", E1, null)
                .activity("ann@x", null).created("ann@x", LocalDate.of(2024, 1, 1));

        ReconciliationResult r = reconcile(t, policies(Reclaim.ALL, 0));

        assertThat(result(r, "ann@x", E1).outcome()).isEqualTo(Outcome.UNASSIGN);
        assertThat(result(r, "ann@x", E1).code()).isEqualTo(ErrorCode.INACTIVE);
    }

    @Test
    void aLicenseARuleGivesIsReportedButNeverRemovedOrNoticed() {
        TestTenant t = TestTenant.create().user("ann@x").buy(E3, 5).rule("G", E3).member("G", "ann@x")
                .holds("ann@x", E3, "G").activity("ann@x", LONG_AGO);

        ReconciliationResult r = reconcile(t, policies(Reclaim.INACTIVE, 0));

        assertThat(result(r, "ann@x", E3).outcome()).isEqualTo(Outcome.KEEP);
        assertThat(result(r, "ann@x", E3).code()).isEqualTo(ErrorCode.INACTIVE);
        assertThat(r.notices()).isEmpty();
    }

    @Test
    void aDueRemovalThatIsRefusedStaysDue() {
        // Power BI Pro bought only self-service: no removal is possible until an admin takes it over.
        TestTenant t = TestTenant.create().user("ann@x")
                .buy(PBI, 5, SubscriptionStatus.ENABLED, PurchaseChannel.SELF_SERVICE, null, null)
                .holds("ann@x", PBI, null).activity("ann@x", LONG_AGO);

        ReconciliationResult r = reconcile(t, policies(Reclaim.INACTIVE, 1), notice("ann@x", PBI, 1));

        assertThat(result(r, "ann@x", PBI).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result(r, "ann@x", PBI).code()).isEqualTo(ErrorCode.SELF_SERVICE_SUBSCRIPTION);
        assertThat(r.notices()).containsExactly(new InactiveNotice("ann@x", PBI, "r1", 1, LONG_AGO, true));
    }

    @Test
    void aUserActiveAgainOrNotInTheReportLosesTheNotice() {
        TestTenant t = TestTenant.create().user("ann@x", "bob@x").buy(E1, 5).holds("ann@x", E1, null)
                .holds("bob@x", E1, null).activity("ann@x", REFRESHED.minusDays(3));

        ReconciliationResult r = reconcile(t, policies(Reclaim.INACTIVE, 1), notice("ann@x", E1, 1),
                notice("bob@x", E1, 1));

        assertThat(r.actions()).isEmpty();
        assertThat(result(r, "bob@x", E1).code()).as("not in the report: not judged").isNull();
        assertThat(r.notices()).isEmpty();
    }
}
