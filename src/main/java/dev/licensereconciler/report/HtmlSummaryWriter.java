package dev.licensereconciler.report;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Shortfall;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code summary.html}: one self-contained page (inline CSS and SVG, no script, nothing
 * fetched) with the run's headline figures, a chart and table of shortfalls and run info. Every
 * value from the run is HTML-escaped: product, user and job names come from customer files.
 */
public final class HtmlSummaryWriter {

    public static final String SUMMARY = "summary.html";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;margin:2rem auto;max-width:1200px;padding:0 1rem}
            h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #d9e2ec;padding-bottom:.2rem}
            .sub{color:#52606d;margin:0 0 1.5rem}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.75rem}
            .card{border:1px solid #d9e2ec;border-radius:6px;padding:.6rem .8rem;background:#f8fafc}
            .card b{display:block;font-size:1.5rem;white-space:nowrap}.card span{color:#52606d;font-size:.85rem}
            .card.warn{border-color:#f0b429;background:#fffbea}
            table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
            .wide{overflow-x:auto}
            th{background:#f0f4f8;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr.short td{background:#fff5f5}
            .chart rect{fill:#d64545}.chart text{font:12px system-ui,sans-serif;fill:#1f2933}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#52606d}dd{margin:0}
            .none{color:#52606d;font-style:italic}
            """;

    public void write(Path file, RunInfo run, ReconciliationResult result, List<Problem> inputProblems)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, run, result, inputProblems);
        }
    }

    public void write(Writer out, RunInfo run, ReconciliationResult result, List<Problem> inputProblems)
            throws IOException {
        SummaryFigures figures = SummaryFigures.of(result, inputProblems);
        String title = "License reconciliation — " + run.jobName();
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.write("<title>" + Html.escape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n");
        out.write("<h1>" + Html.escape(title) + "</h1>\n");
        out.write("<p class=\"sub\">Run " + Html.escape(run.runId()) + " · finished "
                + Html.escape(time(run.finished())) + "</p>\n");
        writeHeadline(out, figures);
        writeRefusals(out, figures);
        writeShortfalls(out, result.shortfalls());
        writeRunInfo(out, run);
        out.write("</body>\n</html>\n");
    }

    private static void writeHeadline(Writer out, SummaryFigures f) throws IOException {
        out.write("<h2>Headline</h2>\n<div class=\"cards\">\n");
        card(out, f.users(), "users with a license held or wanted", false);
        card(out, f.assigned(), "licenses assigned", false);
        card(out, f.removed(), "licenses removed", false);
        card(out, f.updated(), "service updates", false);
        card(out, f.refusals(), "refused changes", f.refusals() > 0);
        card(out, f.inputErrors(), "input errors", f.inputErrors() > 0);
        card(out, f.shortfallUnits(), "licenses to buy", f.shortfallUnits() > 0);
        for (Map.Entry<String, BigDecimal> cost : f.costByCurrency().entrySet()) {
            card(out, cost.getKey() + " " + cost.getValue().toPlainString(), "shortfall cost", true);
        }
        if (f.unpricedProducts() > 0) {
            card(out, f.unpricedProducts(), "products short without a price", true);
        }
        out.write("</div>\n");
    }

    private static void card(Writer out, Object value, String label, boolean warn) throws IOException {
        out.write("<div class=\"card" + (warn ? " warn" : "") + "\"><b>" + Html.escape(value) + "</b><span>"
                + Html.escape(label) + "</span></div>\n");
    }

    private static void writeRefusals(Writer out, SummaryFigures f) throws IOException {
        out.write("<h2>Refused changes by code</h2>\n");
        if (f.refusalsByCode().isEmpty()) {
            out.write("<p class=\"none\">No change was refused.</p>\n");
            return;
        }
        out.write("<table>\n<tr><th>code</th><th class=\"n\">changes</th></tr>\n");
        for (Map.Entry<ErrorCode, Integer> e : f.refusalsByCode().entrySet()) {
            out.write("<tr><td>" + Html.escape(e.getKey()) + "</td><td class=\"n\">" + e.getValue() + "</td></tr>\n");
        }
        out.write("</table>\n");
    }

    private static void writeShortfalls(Writer out, List<Shortfall> shortfalls) throws IOException {
        out.write("<h2>Shortfall by product</h2>\n");
        String chart = ShortfallChart.svg(shortfalls);
        out.write(chart.isEmpty() ? "<p class=\"none\">No product is short: every valid request got a license.</p>\n"
                : chart + "\n");
        if (shortfalls.isEmpty()) {
            return;
        }
        out.write("<div class=\"wide\"><table>\n<tr><th>SKU</th><th>product</th><th class=\"n\">capacity</th>"
                + "<th class=\"n\">before</th><th class=\"n\">after</th><th class=\"n\">requested</th>"
                + "<th class=\"n\">shortfall</th><th class=\"n\">reclaimable</th><th>purchasers</th>"
                + "<th class=\"n\">unit price</th><th class=\"n\">cost</th></tr>\n");
        for (Shortfall s : shortfalls) {
            out.write("<tr" + (s.shortfall() > 0 ? " class=\"short\"" : "") + "><td>" + Html.escape(s.sku())
                    + "</td><td>" + Html.escape(s.product()) + "</td>"
                    + num(s.capacity()) + num(s.assignedBefore()) + num(s.assignedAfter()) + num(s.requested())
                    + num(s.shortfall()) + num(s.reclaimable())
                    + "<td>" + purchasers(s) + "</td>"
                    + num(money(s.currency(), s.unitPrice())) + num(money(s.currency(), s.shortfallCost()))
                    + "</tr>\n");
        }
        out.write("</table></div>\n");
    }

    private static void writeRunInfo(Writer out, RunInfo run) throws IOException {
        out.write("<h2>Run</h2>\n<dl>\n");
        out.write("<dt>job</dt><dd>" + Html.escape(run.jobName()) + "</dd>\n");
        out.write("<dt>run id</dt><dd>" + Html.escape(run.runId()) + "</dd>\n");
        out.write("<dt>started</dt><dd>" + Html.escape(time(run.started())) + "</dd>\n");
        out.write("<dt>finished</dt><dd>" + Html.escape(time(run.finished())) + "</dd>\n");
        if (run.started() != null && run.finished() != null) {
            Duration took = Duration.between(run.started(), run.finished());
            out.write("<dt>duration</dt><dd>" + Html.escape(took.toSeconds() + " s") + "</dd>\n");
        }
        out.write("</dl>\n");
    }

    /** Escaped, with a line-break opportunity after each '@' so long addresses wrap cleanly. */
    private static String purchasers(Shortfall s) {
        return Html.escape(String.join("; ", s.purchasers())).replace("@", "@<wbr>");
    }

    private static String num(Object value) {
        return "<td class=\"n\">" + Html.escape(value) + "</td>";
    }

    private static String money(String currency, BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        return currency == null ? amount.toPlainString() : currency + " " + amount.toPlainString();
    }

    private static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }
}
