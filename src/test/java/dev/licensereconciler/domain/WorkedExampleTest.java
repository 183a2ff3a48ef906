package dev.licensereconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ten-user tenant of examples/basic: the engine's part of the expected outputs, exactly. */
class WorkedExampleTest {

    private static ReconciliationResult result;
    private static Path expected;

    @BeforeAll
    static void run() {
        expected = ExampleTenant.dir("basic").resolve("expected");
        result = new Reconciler(Policies.defaults()).reconcile(ExampleTenant.load("basic"));
    }

    @Test
    void actionsAreBatchedAsExpected() {
        assertThat(CsvLines.actions(result)).containsExactlyElementsOf(ExampleTenant.lines(expected.resolve("actions.csv")));
    }

    @Test
    void resultsAreAsExpected() {
        assertThat(CsvLines.results(result)).containsExactlyElementsOf(ExampleTenant.lines(expected.resolve("results.csv")));
    }

    @Test
    void refusalsAreTheExpectedErrorRows() {
        List<String> refusalRows = ExampleTenant.lines(expected.resolve("errors.csv")).stream().skip(1)
                .filter(l -> l.startsWith(",")).collect(Collectors.toList());
        assertThat(CsvLines.refusals(result)).containsExactlyElementsOf(refusalRows);
    }

    @Test
    void shortfallIsAsExpected() {
        assertThat(CsvLines.shortfall(result)).containsExactlyElementsOf(ExampleTenant.lines(expected.resolve("shortfall.csv")));
    }

    @Test
    void refusalsSayWhatIsWrongAndHowToFixIt() {
        assertThat(result.refusals()).allSatisfy(p -> {
            assertThat(p.message()).isNotBlank();
            assertThat(p.fix()).isNotBlank();
        });
        Problem ems = result.refusals().stream().filter(p -> p.user().startsWith("femke")).findFirst().orElseThrow();
        assertThat(ems.message()).isEqualTo("Enterprise Mobility + Security E3 (EMS) has no free seat: 1 of 1 in use.");
        assertThat(ems.fix()).isEqualTo("Buy 2 more Enterprise Mobility + Security E3 licenses, or reclaim unused ones.");
        Problem f3 = result.refusals().stream().filter(p -> p.user().startsWith("hanna")).findFirst().orElseThrow();
        assertThat(f3.fix()).isEqualTo("Review the services included with each license: turn off EXCHANGE_S_DESKLESS"
                + " in Office 365 F3 or EXCHANGE_S_STANDARD in Office 365 E1, then try again.");
        assertThat(result.unassignCount()).isEqualTo(1);
    }
}
