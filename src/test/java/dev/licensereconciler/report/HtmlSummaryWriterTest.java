package dev.licensereconciler.report;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Shortfall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlSummaryWriterTest {

    private static final RunInfo RUN = new RunInfo("nightly-reconciliation", "20261123-020000",
            Instant.parse("2026-11-23T01:00:00Z"), Instant.parse("2026-11-23T01:00:42Z"));

    @TempDir
    Path dir;

    @Test
    void headlineFiguresOfTheWorkedExample() {
        SummaryFigures f = SummaryFigures.of(example(), inputProblems());

        assertThat(f.users()).isEqualTo(10);
        assertThat(f.assigned()).isEqualTo(6);
        assertThat(f.removed()).isEqualTo(1);
        assertThat(f.updated()).isEqualTo(1);
        assertThat(f.failed()).isEqualTo(7);
        assertThat(f.refusalsByCode()).containsEntry(ErrorCode.COUNT_VIOLATION, 2)
                .containsEntry(ErrorCode.GUEST_NOT_ALLOWED, 1).hasSize(6);
        assertThat(f.refusals()).isEqualTo(7);
        assertThat(f.shortfallUnits()).isEqualTo(3);
        assertThat(f.costByCurrency()).isEqualTo(Map.of("EUR", new BigDecimal("31.20")));
        assertThat(f.inputErrors()).isEqualTo(3);
    }

    @Test
    void summaryShowsFiguresChartTableAndRunInfo() throws Exception {
        new HtmlSummaryWriter().write(dir.resolve("summary.html"), RUN, example(), inputProblems());

        String html = Files.readString(dir.resolve("summary.html"));
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<b>10</b><span>users with a license held or wanted</span>", "<b>6</b><span>licenses assigned</span>",
                        "<b>1</b><span>licenses removed</span>", "<b>1</b><span>service updates</span>",
                        "<b>7</b><span>refused changes</span>", "<b>3</b><span>input errors</span>",
                        "<b>3</b><span>licenses to buy</span>", "<b>EUR 31.20</b><span>shortfall cost</span>")
                .contains("<td>COUNT_VIOLATION</td><td class=\"n\">2</td>")
                .contains("<svg", "2 licenses · EUR 21.20", "1 license · EUR 10.00")
                .contains("<td>Enterprise Mobility + Security E3</td>")
                .contains("nightly-reconciliation", "20261123-020000", "2026-11-23 01:00:00 UTC",
                        "2026-11-23 01:00:42 UTC", "42 s");
        // Two bars: only EMS and STANDARDPACK are short.
        assertThat(html.split("<rect ", -1)).hasSize(3);
    }

    @Test
    void summaryIsSelfContained() throws Exception {
        new HtmlSummaryWriter().write(dir.resolve("summary.html"), RUN, example(), inputProblems());

        String html = Files.readString(dir.resolve("summary.html"));
        assertThat(html).doesNotContain("<script", "<link", "src=", "href=", "url(", "@import");
    }

    @Test
    void everyValueFromTheRunIsEscaped() throws Exception {
        Shortfall evil = new Shortfall("EVIL", "<script>alert('p')</script>", 0, 0, 0, 1, 1, 0,
                List.of("\"><img onerror=x>@contoso.example"), new BigDecimal("1"), "<b>", new BigDecimal("1"));
        RunInfo run = new RunInfo("<script>alert('job')</script>", "r&1", RUN.started(), RUN.finished());
        ReconciliationResult result = new ReconciliationResult(List.of(), List.of(), List.of(), List.of(evil), 0);

        new HtmlSummaryWriter().write(dir.resolve("summary.html"), run, result, List.of());

        String html = Files.readString(dir.resolve("summary.html"));
        assertThat(html).doesNotContain("<script", "<img", "<b> 1").contains(
                "&lt;script&gt;alert(&#39;p&#39;)&lt;/script&gt;", "&lt;script&gt;alert(&#39;job&#39;)&lt;/script&gt;",
                "&quot;&gt;&lt;img onerror=x&gt;@<wbr>contoso.example", "r&amp;1", "&lt;b&gt; 1");
    }

    @Test
    void aRunWithoutShortfallSaysSo() throws Exception {
        ReconciliationResult clean = new ReconciliationResult(List.of(), List.of(), List.of(), List.of(), 0);

        new HtmlSummaryWriter().write(dir.resolve("summary.html"), RUN, clean, List.of());

        assertThat(Files.readString(dir.resolve("summary.html")))
                .contains("No product is short", "No change was refused.").doesNotContain("<svg");
    }

    @Test
    void templatesEscapeTextAndAttributeContexts() {
        Templates templates = new Templates();

        assertThat(templates.render("escaping-probe", Map.of("value", "a<b>&\"c'")))
                .isEqualTo("<p title=\"a&lt;b&gt;&amp;&quot;c&#39;\">a&lt;b&gt;&amp;&quot;c&#39;</p>\n");
        assertThat(templates.render("escaping-probe", new java.util.HashMap<>())).isEqualTo("<p></p>\n");
    }

    static ReconciliationResult example() {
        List<Problem> refusals = ExampleFiles.rows("errors.csv").stream().filter(r -> r[0].isEmpty())
                .map(r -> Problem.refusal(r[2], r[3], ErrorCode.valueOf(r[4]), "", ""))
                .toList();
        return new ReconciliationResult(ExampleFiles.actions(), ExampleFiles.results(), refusals,
                ExampleFiles.shortfalls(), 1);
    }

    static List<Problem> inputProblems() {
        return ExampleFiles.rows("errors.csv").stream().filter(r -> !r[0].isEmpty())
                .map(r -> Problem.inFile(r[0], Integer.parseInt(r[1]), ErrorCode.valueOf(r[4]), "", ""))
                .toList();
    }
}
