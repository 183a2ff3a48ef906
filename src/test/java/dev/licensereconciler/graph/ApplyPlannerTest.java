package dev.licensereconciler.graph;

import com.google.gson.JsonParser;
import dev.licensereconciler.domain.Catalog;
import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.ingest.ReferenceData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** From actions.csv rows to assignLicense requests: one per user, at most 20 per batch, removals first. */
class ApplyPlannerTest {

    private final Catalog catalog = ReferenceData.builtinCatalog();
    private final ApplyPlanner planner = new ApplyPlanner(catalog);

    private static ActionRow row(int batch, String sku, Operation op, String user, String... plans) {
        return new ActionRow(batch + 1, batch, sku, op, List.of(plans), user);
    }

    private String guid(String sku) {
        return catalog.product(sku).orElseThrow().guid().toLowerCase();
    }

    @Test
    void aSwitchIsOneRequestWithBothListsAndTheCatalogsGuids() {
        List<ApplyRequest> plan = planner.plan(List.of(
                row(1, "STANDARDPACK", Operation.UNASSIGN, "carl@contoso.example"),
                row(2, "SPE_E3", Operation.ASSIGN, "carl@contoso.example", "SWAY", "YAMMER_ENTERPRISE")), GroupPaths.NONE);

        assertThat(plan).hasSize(1);
        ApplyRequest r = plan.get(0);
        assertThat(r.actionKeys()).containsExactly("STANDARDPACK:UNASSIGN", "SPE_E3:ASSIGN");
        assertThat(r.url()).isEqualTo("/users/carl@contoso.example/assignLicense");
        assertThat(JsonParser.parseString(r.body())).isEqualTo(JsonParser.parseString("{\"addLicenses\":[{\"disabledPlans\":[\""
                + catalog.plan("SWAY").orElseThrow().id() + "\",\"" + catalog.plan("YAMMER_ENTERPRISE").orElseThrow().id()
                + "\"],\"skuId\":\"" + guid("SPE_E3") + "\"}],\"removeLicenses\":[\"" + guid("STANDARDPACK") + "\"]}"));
    }

    @Test
    void removalsGoFirstThenUpdatesThenSwitchesThenAssignments() {
        List<ApplyRequest> plan = planner.plan(List.of(
                row(1, "STANDARDPACK", Operation.UNASSIGN, "b-switch@x.example"),
                row(2, "STANDARDPACK", Operation.UNASSIGN, "a-remove@x.example"),
                row(3, "SPE_E3", Operation.UPDATE_SERVICES, "c-update@x.example", "SWAY"),
                row(4, "SPE_E3", Operation.ASSIGN, "b-switch@x.example"),
                row(4, "SPE_E3", Operation.ASSIGN, "a-assign@x.example")), GroupPaths.NONE);

        assertThat(plan).extracting(ApplyRequest::user).containsExactly("a-remove@x.example", "c-update@x.example",
                "b-switch@x.example", "a-assign@x.example");
        assertThat(plan).extracting(ApplyRequest::batch).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aProductActionOf20UsersIsOneBatchAndMoreAreSplit() {
        List<ActionRow> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(row(1, "SPE_E3", Operation.ASSIGN, String.format("u%02d@x.example", i)));
        }
        for (int i = 0; i < 3; i++) {
            rows.add(row(2, "SPE_E3", Operation.ASSIGN, String.format("v%02d@x.example", i)));
        }
        List<ApplyRequest> plan = planner.plan(rows, GroupPaths.NONE);

        assertThat(plan.stream().filter(r -> r.batch() == 1)).hasSize(20);
        assertThat(plan.stream().filter(r -> r.batch() == 2)).hasSize(3);
    }

    @Test
    void aGroupPathIsRecordedAsCarriedOutByEntraAndNotSent() {
        List<ApplyRequest> plan = planner.plan(List.of(row(1, "SPE_E3", Operation.ASSIGN, "anna@x.example")),
                a -> "LIC-M365-E3");

        assertThat(plan).hasSize(1);
        assertThat(plan.get(0).status()).isEqualTo(ApplyStatus.BY_ENTRA);
        assertThat(plan.get(0).batch()).isZero();
        assertThat(plan.get(0).body()).isNull();
        assertThat(plan.get(0).message()).contains("group LIC-M365-E3");
    }

    @Test
    void aProductTheCatalogCannotNameIsAFailedRequestSaysWhy() {
        List<ApplyRequest> plan = planner.plan(List.of(row(7, "NOT_A_SKU", Operation.ASSIGN, "anna@x.example")),
                GroupPaths.NONE);

        assertThat(plan.get(0).status()).isEqualTo(ApplyStatus.FAILED);
        assertThat(plan.get(0).code()).isEqualTo("SKU_NOT_IN_CATALOG");
        assertThat(plan.get(0).message()).contains("NOT_A_SKU (actions.csv line 8)").contains("key 'catalog'");
    }

    @Test
    void aGuestsUpnIsEscapedInThePath() {
        List<ApplyRequest> plan = planner.plan(List.of(row(1, "SPE_E3", Operation.ASSIGN,
                "jan_fabrikam.example#EXT#@contoso.onmicrosoft.com")), GroupPaths.NONE);

        assertThat(plan.get(0).url()).isEqualTo("/users/jan_fabrikam.example%23EXT%23@contoso.onmicrosoft.com/assignLicense");
    }
}
