package dev.licensereconciler.report;

import dev.licensereconciler.domain.CostLine;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Recommendation;
import dev.licensereconciler.domain.Savings;
import dev.licensereconciler.domain.SubscriptionStatus;
import dev.licensereconciler.domain.SubscriptionTerm;
import dev.licensereconciler.domain.SurplusSeats;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The savings half of summary.html: cards, tables, cost bars and the history of runs, all escaped. */
class SavingsSummaryTest {

    private static final RunInfo RUN = new RunInfo("nightly", "20261203-020000", Instant.EPOCH, Instant.EPOCH);

    private static String render(Savings savings, List<RunHistory> history) {
        StringWriter out = new StringWriter();
        new HtmlSummaryWriter().write(out, RUN, new ReconciliationResult(List.of(), List.of(), List.of(), List.of(), 0),
                List.of(), savings, history);
        return out.toString();
    }

    private static Savings savings() {
        SurplusSeats visio = new SurplusSeats("VISIOCLIENT", "Visio Plan 2", "c2b7f89e", SubscriptionStatus.ENABLED,
                SubscriptionTerm.P1Y, LocalDate.of(2026, 12, 28), true, false, 16, 5, 5, LocalDate.of(2026, 12, 28), 0, 0,
                List.of("it@contoso.example"), new BigDecimal("14.10"), "EUR", new BigDecimal("846.00"),
                new BigDecimal("846.00"), SurplusSeats.Callout.CUT);
        SurplusSeats flow = new SurplusSeats("FLOW_FREE", "Power Automate Free", "f8f0", SubscriptionStatus.ENABLED,
                null, null, null, false, 10_000, 9_997, 0, null, 0, 0, List.of(), new BigDecimal("0.00"), "EUR", null,
                null, null);
        Recommendation overlap = new Recommendation(Recommendation.Kind.OVERLAP, "anna@contoso.example",
                "ENTERPRISEPACK", "Office 365 E3", "SPE_E3", "Microsoft 365 E3", new BigDecimal("21.90"), "EUR");
        List<CostLine> costs = List.of(
                new CostLine(CostLine.Dimension.DEPARTMENT, "<Sales>", 3, "EUR", new BigDecimal("77.50")),
                new CostLine(CostLine.Dimension.DEPARTMENT, "", 1, "EUR", new BigDecimal("33.70")),
                new CostLine(CostLine.Dimension.PRODUCT, "SPE_E3", 4, "EUR", new BigDecimal("111.20")));
        return new Savings(List.of(visio, flow), List.of(overlap), costs);
    }

    @Test
    void showsCardsSurplusOverlapsAndCostBarsWithNamesEscaped() {
        String html = render(savings(), List.of());

        assertThat(html).contains("<b>4</b><span>licenses held after the run</span>",
                "<b>EUR 111.20</b><span>cost a month of the licenses held</span>",
                "<b>5</b><span>paid seats nobody holds</span>", "<b>EUR 846.00</b>",
                "<b>1</b><span>licenses held twice over</span>",
                "5 of 16 seats are not held: lower the quantity by 5 before the renewal on 2026-12-28.",
                "Office 365 E3 (ENTERPRISEPACK)", "Microsoft 365 E3 (SPE_E3)", "By department (EUR a month · licenses)",
                "&lt;Sales&gt;", "(none)");
        assertThat(html).doesNotContain("<Sales>", "Power Automate Free").as("no history with no earlier run")
                .doesNotContain("Last runs of this job");
    }

    @Test
    void historyDrawsOneLinePerFigureOldestLeftAndLeavesAGapForARunWithoutAFigure() {
        List<RunHistory> runs = List.of(
                new RunHistory("20261201-020000", null, null, 9, new BigDecimal("120.00"), null, null, "EUR"),
                new RunHistory("20261202-020000", 500, new BigDecimal("8400.00"), 11, new BigDecimal("211.30"), 20,
                        new BigDecimal("180.00"), "EUR"),
                new RunHistory("20261203-020000", 516, new BigDecimal("8470.80"), 11, new BigDecimal("211.30"), 18,
                        new BigDecimal("160.00"), "EUR"));

        String html = render(savings(), runs);

        String history = html.substring(html.indexOf("Last runs of this job"));
        assertThat(history).contains("Licenses per run", "Cost a month per run (EUR)", "12-01 02:00", "12-03 02:00",
                "<td>20261201-020000</td><td class=\"n\">—</td>",
                "<td>20261203-020000</td><td class=\"n\">516</td><td class=\"n\">EUR 8470.80</td>");
        // held: two points (the first run has none), short: three.
        assertThat(history).containsPattern("<polyline class=\"held\" points=\"\\d+,\\d+ \\d+,\\d+\"")
                .containsPattern("<polyline class=\"short\" points=\"70,\\d+ \\d+,\\d+ 540,\\d+\"");
    }
}
