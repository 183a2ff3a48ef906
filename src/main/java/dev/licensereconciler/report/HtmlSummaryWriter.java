package dev.licensereconciler.report;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.InactiveNotice;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Savings;
import dev.licensereconciler.domain.Shortfall;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code summary.html} from {@code templates/summary.html}: one self-contained page
 * (inline CSS and SVG, no script, nothing fetched) with the run's headline figures, a chart and
 * table of shortfalls and run info. Every value from the run is HTML-escaped by the template
 * engine: product, user and job names come from customer files.
 */
public final class HtmlSummaryWriter {

    public static final String SUMMARY = "summary.html";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Templates templates;

    public HtmlSummaryWriter(Templates templates) {
        this.templates = templates;
    }

    public HtmlSummaryWriter() {
        this(new Templates());
    }

    /** One headline figure; {@code warn} marks one that needs the admin's attention. */
    public record Card(String value, String label, boolean warn) {
    }

    /** Refused changes of one error code. */
    public record Refusals(ErrorCode code, int changes) {
    }

    /**
     * One row of the shortfall table, as shown. {@code purchasers} is the purchasers text cut
     * after each '@', so the template can offer a line break there and long addresses wrap cleanly.
     */
    public record Row(String sku, String product, int capacity, int before, int after, int requested, int shortfall,
                      int reclaimable, List<String> purchasers, String unitPrice, String cost) {
    }

    /** A license the next run reclaims for inactivity (R11), and the run that first gave notice of it. */
    public record Removal(String user, String sku, String lastActive, String firstRun) {
    }

    /** One line of the run information. */
    public record Info(String label, String value) {
    }

    /** A subscription row of the surplus table, as shown. */
    public record SurplusRow(String sku, String product, String subscriptionId, String term, String renewalDate,
                             int quantity, int unused, int cut, String savingPerYear, String note, boolean warn) {
    }

    /** Users holding {@code sku} whose {@code keepSku} covers it, with what dropping it saves a month. */
    public record OverlapRow(String sku, String product, String keepSku, String keepProduct, int users,
                             String monthlySaving) {
    }

    /** A run's figures in the history table, as shown. */
    public record HistoryRow(String runId, String held, String heldCost, String shortfall, String shortfallCost,
                             String surplus, String surplusCost) {
    }

    public void write(Path file, RunInfo run, ReconciliationResult result, List<Problem> inputProblems)
            throws IOException {
        write(file, run, result, inputProblems, null, List.of());
    }

    /**
     * @param savings the run's savings; null for a bulk import (no savings sections)
     * @param history the job's last runs, oldest first, this one included (no history section with fewer than two)
     */
    public void write(Path file, RunInfo run, ReconciliationResult result, List<Problem> inputProblems,
                      Savings savings, List<RunHistory> history) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, run, result, inputProblems, savings, history);
        }
    }

    public void write(Writer out, RunInfo run, ReconciliationResult result, List<Problem> inputProblems) {
        write(out, run, result, inputProblems, null, List.of());
    }

    public void write(Writer out, RunInfo run, ReconciliationResult result, List<Problem> inputProblems,
                      Savings savings, List<RunHistory> history) {
        SummaryFigures figures = SummaryFigures.of(result, inputProblems);
        Map<String, Object> page = new HashMap<>();
        SavingsSummary.addTo(page, savings, history);
        page.put("title", "License reconciliation — " + run.jobName());
        page.put("runId", run.runId());
        page.put("finished", time(run.finished()));
        List<Card> cards = cards(figures);
        cards.addAll(SavingsSummary.cards(savings));
        page.put("cards", cards);
        page.put("refusals", figures.refusalsByCode().entrySet().stream()
                .map(e -> new Refusals(e.getKey(), e.getValue())).toList());
        page.put("chart", ShortfallChart.of(result.shortfalls()));
        page.put("rows", result.shortfalls().stream().map(HtmlSummaryWriter::row).toList());
        page.put("info", info(run));
        page.put("removals", result.notices().stream().filter(InactiveNotice::removedNextRun)
                .map(n -> new Removal(n.user(), n.sku(), n.lastActive() == null ? "never" : n.lastActive().toString(),
                        n.firstRun())).toList());
        templates.render("summary", page, out);
    }

    /**
     * Puts the apply section ({@code th:fragment="apply"} of the template) into a published
     * summary.html, replacing the section of an earlier apply of the same run: the rest of the
     * page stays as the run wrote it, since its figures cannot be recomputed once a new snapshot
     * has replaced the run's inputs. Written aside and moved into place. A run folder without a
     * summary.html is left alone.
     */
    public void writeApply(Path summary, ApplySummary apply) throws IOException {
        if (!Files.isRegularFile(summary)) {
            return;
        }
        Map<String, Object> page = new HashMap<>();
        page.put("apply", apply);
        page.put("applyStarted", time(apply.started()));
        page.put("applyFinished", time(apply.finished()));
        String section = templates.renderFragment("summary", "apply", page);
        String html = Files.readString(summary, StandardCharsets.UTF_8);
        int from = html.indexOf(APPLY_START);
        int to = from < 0 ? -1 : html.indexOf(APPLY_END, from);
        if (from >= 0 && to >= 0) {
            html = html.substring(0, from) + section + html.substring(to + APPLY_END.length());
        } else {
            int body = html.lastIndexOf("</body>");
            html = body < 0 ? html + section : html.substring(0, body) + section + html.substring(body);
        }
        Path temp = summary.resolveSibling(summary.getFileName() + ".tmp");
        Files.writeString(temp, html, StandardCharsets.UTF_8);
        Files.move(temp, summary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // The apply section's own first and last text, as the template writes them (no nested section inside).
    private static final String APPLY_START = "<section id=\"apply\"";
    private static final String APPLY_END = "</section>";

    private static List<Card> cards(SummaryFigures f) {
        List<Card> cards = new ArrayList<>();
        cards.add(new Card(Integer.toString(f.users()), "users with a license held or wanted", false));
        cards.add(new Card(Integer.toString(f.assigned()), "licenses assigned", false));
        cards.add(new Card(Integer.toString(f.removed()), "licenses removed", false));
        cards.add(new Card(Integer.toString(f.updated()), "service updates", false));
        cards.add(new Card(Integer.toString(f.refusals()), "refused changes", f.refusals() > 0));
        cards.add(new Card(Integer.toString(f.inputErrors()), "input errors", f.inputErrors() > 0));
        cards.add(new Card(Integer.toString(f.shortfallUnits()), "licenses to buy", f.shortfallUnits() > 0));
        for (Map.Entry<String, BigDecimal> cost : f.costByCurrency().entrySet()) {
            cards.add(new Card(cost.getKey() + " " + cost.getValue().toPlainString(), "shortfall cost", true));
        }
        if (f.unpricedProducts() > 0) {
            cards.add(new Card(Integer.toString(f.unpricedProducts()), "products short without a price", true));
        }
        return cards;
    }

    private static Row row(Shortfall s) {
        return new Row(s.sku(), s.product(), s.capacity(), s.assignedBefore(), s.assignedAfter(), s.requested(),
                s.shortfall(), s.reclaimable(), List.of(String.join("; ", s.purchasers()).split("(?<=@)", -1)),
                money(s.currency(), s.unitPrice()), money(s.currency(), s.shortfallCost()));
    }

    private static List<Info> info(RunInfo run) {
        List<Info> info = new ArrayList<>();
        info.add(new Info("job", run.jobName()));
        info.add(new Info("run id", run.runId()));
        info.add(new Info("started", time(run.started())));
        info.add(new Info("finished", time(run.finished())));
        if (run.started() != null && run.finished() != null) {
            info.add(new Info("duration", Duration.between(run.started(), run.finished()).toSeconds() + " s"));
        }
        return info;
    }

    static String money(String currency, BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        return currency == null ? amount.toPlainString() : currency + " " + amount.toPlainString();
    }

    private static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }
}
