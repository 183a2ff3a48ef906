package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.domain.Outcome;
import dev.licensereconciler.domain.Policies;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ProductAction;
import dev.licensereconciler.domain.Reclaim;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Reconciler;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.Shortfall;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Real tenants read exactly (issue 10), from folders shaped like the exports admins have: display
 * names Microsoft gives to several products, products the catalog does not list, and licenses held
 * through several paths, some of them Entra groups the job has no rule for.
 */
class RealTenantExportsTest {

    private static final String BASIC = "O365_BUSINESS_ESSENTIALS";
    private static final String E3 = "ENTERPRISEPACK";

    @TempDir
    Path dir;

    private LoadedSnapshot loaded;

    private static final String USERS_HEADER = "User principal name,Usage location,Block credential,Licenses\n";

    @Test
    void aDisplayNameSharedByTwoProductsIsTheOneTheTenantOwnsAndARuleByNameKeepsWhatUsersHold() {
        write("purchases.csv", "skuId,quantity\n3b555118-da6a-4418-894f-7df1e2096870,10\n");
        write("users.csv", USERS_HEADER + """
                ann@contoso.example,NL,False,Microsoft 365 Business Basic
                bob@contoso.example,NL,False,Microsoft 365 Business Basic
                cas@contoso.example,NL,False,Unlicensed
                """);
        write("group-licenses.csv", "group,sku\nStaff,Microsoft 365 Business Basic\n");
        write("group-memberships.csv", "group,member\nStaff,ann@contoso.example\nStaff,cas@contoso.example\n");

        ReconciliationResult r = reconcile(Reclaim.NONE);

        assertThat(loaded.problems()).isEmpty();
        assertThat(outcomes(r)).containsExactly(
                tuple("ann@contoso.example", BASIC, Outcome.KEEP, null),
                tuple("bob@contoso.example", BASIC, Outcome.KEEP, ErrorCode.NOT_ENTITLED),
                tuple("cas@contoso.example", BASIC, Outcome.ASSIGN, null));
        assertThat(shortfall(r, BASIC)).extracting(Shortfall::assignedBefore, Shortfall::assignedAfter, Shortfall::requested)
                .containsExactly(2, 3, 1);
    }

    @Test
    void aSharedDisplayNameStaysAmbiguousWhenTheTenantOwnsBothAndIsReportedOnceWithItsCount() {
        write("purchases.csv", "sku,quantity\nO365_BUSINESS_ESSENTIALS,10\nSMB_BUSINESS_ESSENTIALS,5\n");
        write("users.csv", USERS_HEADER + """
                ann@contoso.example,NL,False,Microsoft 365 Business Basic
                bob@contoso.example,NL,False,Microsoft 365 Business Basic+Office 365 E3
                """);

        ReconciliationResult r = reconcile(Reclaim.NONE);

        assertThat(loaded.problems()).extracting(Problem::file, Problem::line, Problem::code).containsExactly(
                tuple("users.csv", 2, ErrorCode.AMBIGUOUS_PRODUCT_NAME));
        assertThat(loaded.problems().get(0).message()).contains("O365_BUSINESS_ESSENTIALS, SMB_BUSINESS_ESSENTIALS",
                "purchases.csv has subscriptions for 2 of them", "2 users hold it (first on line 2)");
        assertThat(outcomes(r)).containsExactly(tuple("bob@contoso.example", E3, Outcome.KEEP, null));
    }

    @Test
    void licensesTheCatalogDoesNotKnowAreReportedOncePerNameAndTheUsersKeepTheirOtherLicenses() {
        write("purchases.csv", "sku,quantity\nENTERPRISEPACK,10\n");
        StringBuilder users = new StringBuilder(USERS_HEADER);
        for (int i = 0; i < 40; i++) {
            users.append("u").append(i).append("@contoso.example,NL,False,Microsoft Stream Trial+Office 365 E3")
                    .append(i % 2 == 0 ? "+Microsoft Copilot Studio Viral Trial\n" : "\n");
        }
        write("users.csv", users.toString());

        ReconciliationResult r = reconcile(Reclaim.NONE);

        assertThat(loaded.problems()).extracting(Problem::line, Problem::user, Problem::code).containsExactly(
                tuple(2, "", ErrorCode.UNKNOWN_SKU), tuple(2, "", ErrorCode.UNKNOWN_SKU));
        assertThat(loaded.problems().get(0).message()).contains("'Microsoft Stream Trial'", "40 users hold it");
        assertThat(loaded.problems().get(1).message()).contains("'Microsoft Copilot Studio Viral Trial'", "20 users hold it");
        assertThat(shortfall(r, E3).assignedBefore()).isEqualTo(40);
    }

    @Test
    void unknownProductsInTheAssignmentsExportAreReportedOncePerName() {
        write("purchases.csv", "sku,quantity\nENTERPRISEPACK,10\n");
        write("users.csv", "userPrincipalName,usageLocation,accountEnabled\nann@contoso.example,NL,true\nbob@contoso.example,NL,true\n");
        write("assignments.csv", """
                user,sku,assignedBy
                ann@contoso.example,STREAM_TRIAL_NEW,Direct
                bob@contoso.example,STREAM_TRIAL_NEW,Direct
                bob@contoso.example,ENTERPRISEPACK,Direct
                """);

        ReconciliationResult r = reconcile(Reclaim.NONE);

        assertThat(loaded.problems()).extracting(Problem::file, Problem::line, Problem::code)
                .containsExactly(tuple("assignments.csv", 2, ErrorCode.UNKNOWN_SKU));
        assertThat(loaded.problems().get(0).message()).contains("'STREAM_TRIAL_NEW'", "2 rows name it");
        assertThat(outcomes(r)).containsExactly(tuple("bob@contoso.example", E3, Outcome.KEEP, null));
    }

    @Test
    void twoPathsOfOneLicenseTakeOneSeatShowAsOneResultAndEnableWhatEitherPathEnables() {
        write("purchases.csv", "sku,quantity\nENTERPRISEPACK,1\n");
        write("users.csv", "userPrincipalName,usageLocation,accountEnabled\nann@contoso.example,NL,true\n");
        write("group-licenses.csv", "group,sku,disabledPlans\nLIC-E3,ENTERPRISEPACK,SWAY\n");
        write("group-memberships.csv", "group,member\nLIC-E3,ann@contoso.example\n");
        write("assignments.csv", """
                user,sku,disabledPlans,assignedBy
                ann@contoso.example,ENTERPRISEPACK,SWAY;YAMMER_ENTERPRISE,LIC-E3
                ann@contoso.example,ENTERPRISEPACK,YAMMER_ENTERPRISE,Direct
                ann@contoso.example,ENTERPRISEPACK,,lic-e3
                """);

        ReconciliationResult r = reconcile(Reclaim.NONE);

        // The third row repeats the group path: a duplicate, not a third path.
        assertThat(loaded.problems()).extracting(Problem::line, Problem::code).containsExactly(tuple(4, ErrorCode.DUPLICATE_ROW));
        assertThat(r.results()).singleElement().satisfies(res -> {
            assertThat(res.outcome()).isEqualTo(Outcome.UPDATE_SERVICES);
            assertThat(res.disabledPlans()).containsExactly("SWAY");
        });
        assertThat(shortfall(r, E3)).extracting(Shortfall::capacity, Shortfall::assignedBefore, Shortfall::assignedAfter,
                Shortfall::shortfall).containsExactly(1, 1, 1, 0);
    }

    @Test
    void aLicenseInheritedFromAnEntraGroupTheJobHasNoRuleForIsNeverRemovedOrChanged() {
        write("purchases.csv", "sku,quantity\nENTERPRISEPACK,10\n");
        write("users.csv", """
                userPrincipalName,usageLocation,accountEnabled
                ann@contoso.example,NL,true
                bob@contoso.example,NL,false
                cas@contoso.example,NL,true
                """);
        write("group-licenses.csv", "group,sku,disabledPlans\nLIC-E3,ENTERPRISEPACK,SWAY\n");
        write("group-memberships.csv", "group,member\nLIC-E3,cas@contoso.example\n");
        write("assignments.csv", """
                user,sku,assignedBy
                ann@contoso.example,ENTERPRISEPACK,All-Staff
                bob@contoso.example,ENTERPRISEPACK,All-Staff
                cas@contoso.example,ENTERPRISEPACK,All-Staff
                """);

        ReconciliationResult r = reconcile(Reclaim.ALL);

        // Outside the rule, blocked, or entitled with other plans: Entra owns each path, so each is kept as it
        // is; the tenant's group entitles Ann, so she is not NOT_ENTITLED, but a blocked account is reported.
        assertThat(outcomes(r)).containsExactly(
                tuple("ann@contoso.example", E3, Outcome.KEEP, null),
                tuple("bob@contoso.example", E3, Outcome.KEEP, ErrorCode.ACCOUNT_BLOCKED),
                tuple("cas@contoso.example", E3, Outcome.KEEP, null));
        assertThat(r.actions()).isEmpty();
        assertThat(r.unassignCount()).isZero();
    }

    @Test
    void aDirectPathBesideAnInheritedOneIsAlsoDirectAndReclaimDirectDuplicatesRemovesItWithoutFreeingASeat() {
        write("purchases.csv", "sku,quantity\nENTERPRISEPACK,2\n");
        write("users.csv", "userPrincipalName,usageLocation,accountEnabled\nann@contoso.example,NL,true\nbob@contoso.example,NL,true\n");
        write("assignments.csv", """
                user,sku,assignedBy
                ann@contoso.example,ENTERPRISEPACK,Direct
                ann@contoso.example,ENTERPRISEPACK,All-Staff
                bob@contoso.example,ENTERPRISEPACK,All-Staff
                """);

        assertThat(outcomes(reconcile(Reclaim.NONE))).containsExactly(
                tuple("ann@contoso.example", E3, Outcome.KEEP, ErrorCode.ALSO_DIRECT),
                tuple("bob@contoso.example", E3, Outcome.KEEP, null));

        ReconciliationResult r = reconcile(Reclaim.DIRECT_DUPLICATES);
        assertThat(outcomes(r)).containsExactly(
                tuple("ann@contoso.example", E3, Outcome.UNASSIGN, ErrorCode.ALSO_DIRECT),
                tuple("bob@contoso.example", E3, Outcome.KEEP, null));
        assertThat(r.actions()).extracting(ProductAction::operation, a -> a.users().size())
                .containsExactly(tuple(Operation.UNASSIGN, 1));
        assertThat(shortfall(r, E3)).extracting(Shortfall::assignedBefore, Shortfall::assignedAfter)
                .containsExactly(2, 2);
    }

    private void write(String name, String text) {
        TestFiles.utf8(dir, name, text);
    }

    private ReconciliationResult reconcile(Reclaim reclaim) {
        // A catalog with the real products' names: "Microsoft 365 Business Basic" is two products.
        loaded = new SnapshotLoader(TestFiles.catalog(), ServicePlanRules.none()).load(dir);
        Policies p = Policies.defaults();
        return new Reconciler(new Policies(p.allowGuests(), p.allowBlocked(), "", reclaim, 500, 20))
                .reconcile(loaded.snapshot());
    }

    private static List<Tuple> outcomes(ReconciliationResult r) {
        return r.results().stream().map(x -> tuple(x.user(), x.sku(), x.outcome(), x.code())).toList();
    }

    private static Shortfall shortfall(ReconciliationResult r, String sku) {
        return r.shortfalls().stream().filter(s -> s.sku().equals(sku)).findFirst().orElseThrow();
    }
}
