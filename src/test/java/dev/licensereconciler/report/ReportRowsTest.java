package dev.licensereconciler.report;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.domain.Plans;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ProductAction;
import dev.licensereconciler.domain.Shortfall;
import dev.licensereconciler.report.ReportRows.ActionRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportRowsTest {

    private static final List<ProductAction> ACTIONS = List.of(
            new ProductAction(1, "EMS", Operation.ASSIGN, Plans.none(), List.of("ann@contoso.example", "bob@contoso.example")),
            new ProductAction(2, "SPE_E3", Operation.UNASSIGN, Plans.none(), List.of()),
            new ProductAction(3, "SPE_E3", Operation.UPDATE_SERVICES, Plans.of("YAMMER_ENTERPRISE", "SWAY"),
                    List.of("cem@contoso.example")),
            new ProductAction(4, "EMS", Operation.UNASSIGN, Plans.none(), List.of("dee@contoso.example")));

    @Test
    void actionRowsHoldEveryUserOnceInActionOrderWhetherIteratedOrIndexed() {
        List<ActionRow> rows = ReportRows.actionRows(ACTIONS);

        List<ActionRow> indexed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            indexed.add(rows.get(i));
        }
        List<ActionRow> iterated = new ArrayList<>(rows);

        assertThat(iterated).extracting(ActionRow::user)
                .containsExactly("ann@contoso.example", "bob@contoso.example", "cem@contoso.example", "dee@contoso.example");
        assertThat(iterated).extracting(ActionRow::batch).containsExactly(1, 1, 3, 4);
        assertThat(indexed).isEqualTo(iterated);
        assertThatThrownBy(() -> rows.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(ReportRows.actionRows(List.of())).isEmpty();
    }

    @Test
    void actionCellsSpellOutTheSortedDisabledPlans() {
        ActionRow update = ReportRows.actionRows(ACTIONS).get(2);

        assertThat(ReportRows.ACTIONS.cells(update))
                .containsExactly("3", "SPE_E3", "UPDATE_SERVICES", "SWAY;YAMMER_ENTERPRISE", "cem@contoso.example");
    }

    @Test
    void noValueIsAnEmptyCellAndNullInTheTable() {
        Problem refusal = Problem.refusal("ann@contoso.example", "EMS", ErrorCode.GUEST_NOT_ALLOWED, "m", "f");
        ReportLayout.Column<Problem> line = ReportRows.ERRORS.columns().get(1);

        assertThat(line.header()).isEqualTo("line");
        assertThat(line.cell(refusal)).isEmpty();
        assertThat(line.dbValue(refusal)).isNull();
        assertThat(line.cell(Problem.inFile("users.csv", 7, ErrorCode.INVALID_ROW, "m", "f"))).isEqualTo("7");
    }

    @Test
    void theTableCutsLongTextTheFileKeepsWhole() {
        String longMessage = "x".repeat(ReportLayout.LONG_TEXT + 10);
        Problem p = Problem.inFile("users.csv", 2, ErrorCode.INVALID_ROW, longMessage, "fix");
        ReportLayout.Column<Problem> message = ReportRows.ERRORS.columns().get(5);

        assertThat(message.cell(p)).isEqualTo(longMessage);
        assertThat((String) message.dbValue(p)).hasSize(ReportLayout.LONG_TEXT).endsWith("...");
    }

    @Test
    void decimalsArePlainInTheFileAndExactInTheTable() {
        Shortfall s = new Shortfall("EMS", "EMS E3", 1, 1, 1, 2, 1, 0, List.of(), new BigDecimal("1E+2"), "EUR", null);
        ReportLayout.Column<Shortfall> price = ReportRows.SHORTFALL.columns().get(9);
        ReportLayout.Column<Shortfall> cost = ReportRows.SHORTFALL.columns().get(11);

        assertThat(price.dbColumn()).isEqualTo("UNIT_PRICE");
        assertThat(price.cell(s)).isEqualTo("100");
        assertThat(price.dbValue(s)).isEqualTo(new BigDecimal("1E+2"));
        assertThat(cost.cell(s)).isEmpty();
        assertThat(cost.dbValue(s)).isNull();
    }
}
