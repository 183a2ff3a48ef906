package dev.licensereconciler.report;

import dev.licensereconciler.domain.CostLine;
import dev.licensereconciler.domain.Recommendation;
import dev.licensereconciler.domain.Savings;
import dev.licensereconciler.domain.SurplusSeats;
import dev.licensereconciler.report.HtmlSummaryWriter.Card;
import dev.licensereconciler.report.HtmlSummaryWriter.HistoryRow;
import dev.licensereconciler.report.HtmlSummaryWriter.OverlapRow;
import dev.licensereconciler.report.HtmlSummaryWriter.SurplusRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The savings half of summary.html: cards, the surplus and overlap tables, the cost charts and the
 * history of the job's runs. Charts show one currency, the one most of the held licenses' cost is
 * in; the tables and costs.csv keep every currency.
 */
final class SavingsSummary {

    private SavingsSummary() {
    }

    static void addTo(Map<String, Object> page, Savings savings, List<RunHistory> history) {
        page.put("savings", savings != null);
        page.put("surplusRows", savings == null ? List.of() : surplusRows(savings));
        page.put("overlaps", savings == null ? List.of() : overlaps(savings));
        page.put("costCharts", savings == null ? List.of() : costCharts(savings));
        List<RunHistory> runs = history == null ? List.of() : history;
        page.put("history", runs.stream().map(SavingsSummary::historyRow).toList());
        List<HistoryChart> charts = new ArrayList<>();
        HistoryChart counts = HistoryChart.of("Licenses per run", runs, List.of(
                new HistoryChart.Figure("held", "held", r -> decimal(r.held())),
                new HistoryChart.Figure("short", "short", r -> decimal(r.shortfall())),
                new HistoryChart.Figure("not held", "surplus", r -> decimal(r.surplus()))), HistoryChart::count);
        String currency = runs.isEmpty() ? null : runs.get(runs.size() - 1).currency();
        HistoryChart costs = HistoryChart.of("Cost a month per run" + (currency == null ? "" : " (" + currency + ")"),
                runs, List.of(
                new HistoryChart.Figure("held", "held", RunHistory::heldCost),
                new HistoryChart.Figure("short", "short", RunHistory::shortfallCost),
                new HistoryChart.Figure("not held", "surplus", RunHistory::surplusCost)),
                v -> v.setScale(0, RoundingMode.HALF_UP).toPlainString());
        if (counts != null) {
            charts.add(counts);
        }
        if (costs != null) {
            charts.add(costs);
        }
        page.put("historyCharts", charts);
    }

    static List<Card> cards(Savings savings) {
        List<Card> cards = new ArrayList<>();
        if (savings == null) {
            return cards;
        }
        int held = 0;
        Map<String, BigDecimal> heldCost = new TreeMap<>();
        for (CostLine c : savings.costs()) {
            if (c.dimension() == CostLine.Dimension.PRODUCT) {
                held += c.licenses();
                if (c.currency() != null) {
                    heldCost.merge(c.currency(), c.monthlyCost(), BigDecimal::add);
                }
            }
        }
        cards.add(new Card(Integer.toString(held), "licenses held after the run", false));
        heldCost.forEach((currency, amount) -> cards.add(new Card(currency + " " + amount.toPlainString(),
                "cost a month of the licenses held", false)));
        int unused = 0;
        int lapseUncovered = 0;
        Map<String, BigDecimal> perYear = new TreeMap<>();
        for (SurplusSeats s : savings.surplus()) {
            unused += paid(s) ? s.unused() : 0;
            lapseUncovered += s.uncovered();
            if (s.savingPerYear() != null && s.currency() != null) {
                perYear.merge(s.currency(), s.savingPerYear(), BigDecimal::add);
            }
        }
        cards.add(new Card(Integer.toString(unused), "paid seats nobody holds", unused > 0));
        perYear.forEach((currency, amount) -> cards.add(new Card(currency + " " + amount.toPlainString(),
                "a year saved by cutting them at renewal", true)));
        if (lapseUncovered > 0) {
            cards.add(new Card(Integer.toString(lapseUncovered), "licenses lose their seat when trials or expired "
                    + "subscriptions end", true));
        }
        int overlaps = savings.recommendations().size();
        cards.add(new Card(Integer.toString(overlaps), "licenses held twice over", overlaps > 0));
        return cards;
    }

    /** Free subscriptions (Power Automate Free's 10,000 seats) would drown the seats that cost money. */
    static boolean paid(SurplusSeats s) {
        return s.unitPrice() == null || s.unitPrice().signum() > 0;
    }

    private static List<SurplusRow> surplusRows(Savings savings) {
        return savings.surplus().stream().filter(s -> s.callout() != null).map(s -> new SurplusRow(s.sku(),
                s.product(), s.subscriptionId(), s.term() == null ? "" : s.term().name(),
                s.renewalDate() == null ? "" : s.renewalDate().toString(), s.quantity(), s.unused(), s.cut(),
                HtmlSummaryWriter.money(s.currency(), s.savingPerYear()), s.note(), s.uncovered() > 0)).toList();
    }

    /** One row per (product to drop, product kept), most users first. */
    private static List<OverlapRow> overlaps(Savings savings) {
        Map<String, OverlapRow> rows = new LinkedHashMap<>();
        Map<String, BigDecimal> saving = new LinkedHashMap<>();
        for (Recommendation r : savings.recommendations()) {
            String key = r.sku() + "\n" + r.keepSku();
            OverlapRow before = rows.get(key);
            rows.put(key, new OverlapRow(r.sku(), r.product(), r.keepSku(), r.keepProduct(),
                    before == null ? 1 : before.users() + 1, ""));
            if (r.monthlySaving() != null) {
                saving.merge(key, r.monthlySaving(), BigDecimal::add);
            }
        }
        Map<String, String> currency = new LinkedHashMap<>();
        savings.recommendations().forEach(r -> currency.putIfAbsent(r.sku() + "\n" + r.keepSku(), r.currency()));
        return rows.entrySet().stream().map(e -> new OverlapRow(e.getValue().sku(), e.getValue().product(),
                        e.getValue().keepSku(), e.getValue().keepProduct(), e.getValue().users(),
                        HtmlSummaryWriter.money(currency.get(e.getKey()), saving.get(e.getKey()))))
                .sorted(Comparator.comparingInt(OverlapRow::users).reversed().thenComparing(OverlapRow::sku))
                .toList();
    }

    private static List<BarChart> costCharts(Savings savings) {
        String currency = mainCurrency(savings);
        if (currency == null) {
            return List.of();
        }
        List<BarChart> charts = new ArrayList<>();
        for (CostLine.Dimension d : CostLine.Dimension.values()) {
            List<BarChart.Amount> amounts = savings.costs().stream()
                    .filter(c -> c.dimension() == d && currency.equals(c.currency()))
                    .sorted(Comparator.comparing(CostLine::monthlyCost).reversed().thenComparing(CostLine::key))
                    .map(c -> new BarChart.Amount(c.key(), c.monthlyCost(), currency + " " + c.monthlyCost().toPlainString()
                            + " · " + String.format(Locale.ROOT, "%,d", c.licenses())))
                    .toList();
            BarChart chart = BarChart.of(title(d) + " (" + currency + " a month · licenses)", amounts, currency + " {}");
            if (chart != null) {
                charts.add(chart);
            }
        }
        return charts;
    }

    private static String title(CostLine.Dimension d) {
        return switch (d) {
            case DEPARTMENT -> "By department";
            case USAGE_LOCATION -> "By usage location";
            case PRODUCT -> "By product";
        };
    }

    /** The currency most of the held licenses' cost is in; null when nothing held has a price. */
    static String mainCurrency(Savings savings) {
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        for (CostLine c : savings.costs()) {
            if (c.dimension() == CostLine.Dimension.PRODUCT && c.currency() != null) {
                byCurrency.merge(c.currency(), c.monthlyCost(), BigDecimal::add);
            }
        }
        return byCurrency.entrySet().stream().max(Map.Entry.<String, BigDecimal>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
    }

    private static HistoryRow historyRow(RunHistory r) {
        return new HistoryRow(r.runId(), count(r.held()), HtmlSummaryWriter.money(r.currency(), r.heldCost()),
                count(r.shortfall()), HtmlSummaryWriter.money(r.currency(), r.shortfallCost()), count(r.surplus()),
                HtmlSummaryWriter.money(r.currency(), r.surplusCost()));
    }

    private static String count(Integer v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%,d", v);
    }

    private static BigDecimal decimal(Integer v) {
        return v == null ? null : BigDecimal.valueOf(v);
    }
}
