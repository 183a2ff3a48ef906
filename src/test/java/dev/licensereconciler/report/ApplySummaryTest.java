package dev.licensereconciler.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The apply section that {@code apply} adds to a published run's summary.html. */
class ApplySummaryTest {

    private static final RunInfo RUN = new RunInfo("nightly-reconciliation", "20261123-020000",
            Instant.parse("2026-11-23T01:00:00Z"), Instant.parse("2026-11-23T01:00:42Z"));
    private static final Instant STARTED = Instant.parse("2026-11-23T06:10:00Z");
    private static final Instant FINISHED = Instant.parse("2026-11-23T06:12:05Z");

    @TempDir
    Path dir;

    private Path summary() throws Exception {
        Path file = dir.resolve(HtmlSummaryWriter.SUMMARY);
        new HtmlSummaryWriter().write(file, RUN, HtmlSummaryWriterTest.example(), HtmlSummaryWriterTest.inputProblems());
        return file;
    }

    private static ApplySummary applied(int failed) {
        List<ApplySummary.Failure> failures = failed == 0 ? List.of() : List.of(new ApplySummary.Failure(
                "dan@contoso.example", "ENTERPRISEPACK:ASSIGN", "Request_BadRequest",
                "Subscription with SKU 6fd2c87f does not have any available licenses."));
        return new ApplySummary(failed == 0 ? "applied, all clean" : "applied with problems to review", true, STARTED,
                FINISHED, 7, 7 - failed, failed, 1, 0, List.of(
                new ApplySummary.Action(1, "ENTERPRISEPACK", "UNASSIGN", 2, 2, 0, 0, 0),
                new ApplySummary.Action(2, "ENTERPRISEPACK", "ASSIGN", 5, 5 - failed, failed, 0, 0),
                new ApplySummary.Action(3, "EMS", "ASSIGN", 1, 0, 0, 1, 0)), failures, 0);
    }

    @Test
    void theRunsSummaryWithoutAnApplyHasNoApplySection() throws Exception {
        assertThat(Files.readString(summary())).doesNotContain("Apply through Microsoft Graph", "apply.csv")
                .endsWith("</dl>\n</body>\n</html>\n");
    }

    @Test
    void anApplyAddsItsSectionWithCountsPerProductActionAndLeavesTheRunAsItWas() throws Exception {
        Path file = summary();
        String before = Files.readString(file);

        new HtmlSummaryWriter().writeApply(file, applied(1));

        String html = Files.readString(file);
        assertThat(html).contains("<h2>Apply through Microsoft Graph</h2>",
                "applied with problems to review · started 2026-11-23 06:10:00 UTC · finished 2026-11-23 06:12:05 UTC",
                "<b>7</b><span>assignLicense requests</span>", "<b>6</b><span>applied</span>",
                "<b>1</b><span>failed</span>", "<b>1</b><span>left to Entra's group licensing</span>",
                "<td class=\"n\">2</td><td>ENTERPRISEPACK</td><td>ASSIGN</td><td class=\"n\">5</td><td class=\"n\">4</td>"
                        + "<td class=\"n\">1</td>",
                "<td>dan@contoso.example</td><td>ENTERPRISEPACK:ASSIGN</td><td>Request_BadRequest</td>",
                "<a href=\"apply.csv\">apply.csv</a>")
                .doesNotContain("not done yet");
        // The run's own page is kept as it was; the section goes at its end.
        assertThat(html.replaceAll("(?s)<section id=\"apply\".*</section>", "")).isEqualTo(before);
    }

    @Test
    void applyingAgainReplacesTheSectionInsteadOfAddingASecond() throws Exception {
        Path file = summary();
        HtmlSummaryWriter writer = new HtmlSummaryWriter();
        ApplySummary stopped = new ApplySummary("stopped: Graph answered 503. Run the apply again to resume.", false,
                STARTED, FINISHED, 7, 3, 0, 1, 4, List.of(new ApplySummary.Action(1, "ENTERPRISEPACK", "ASSIGN", 7, 3, 0,
                0, 4)), List.of(), 0);
        writer.writeApply(file, stopped);
        assertThat(Files.readString(file)).contains("stopped: Graph answered 503", "· stopped 2026-11-23 06:12:05 UTC",
                "<b>4</b><span>not done yet: apply again to resume</span>");

        writer.writeApply(file, applied(0));

        String html = Files.readString(file);
        assertThat(html.split("<section id=\"apply\"", -1)).hasSize(2);
        assertThat(html).contains("applied, all clean").doesNotContain("stopped: Graph", "Failed requests");
    }

    @Test
    void namesFromTheTenantAreEscaped() throws Exception {
        Path file = summary();
        ApplySummary evil = new ApplySummary("applied with problems to review", true, STARTED, FINISHED, 1, 0, 1, 0, 0,
                List.of(new ApplySummary.Action(1, "<b>SKU", "ASSIGN", 1, 0, 1, 0, 0)), List.of(new ApplySummary.Failure(
                "\"><script>x</script>@contoso.example", "<b>SKU:ASSIGN", "E", "<img onerror=y>")), 3);

        new HtmlSummaryWriter().writeApply(file, evil);

        assertThat(Files.readString(file)).doesNotContain("<script>", "<img", "<b>SKU")
                .contains("&lt;img onerror=y&gt;", "and 3 more in apply.csv");
    }

    @Test
    void aRunFolderWithoutSummaryIsLeftAlone() throws Exception {
        new HtmlSummaryWriter().writeApply(dir.resolve(HtmlSummaryWriter.SUMMARY), applied(0));

        assertThat(dir).isEmptyDirectory();
    }
}
