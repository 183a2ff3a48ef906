package dev.licensereconciler.graph;

import dev.licensereconciler.report.HtmlSummaryWriter;
import dev.licensereconciler.job.JobDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers inside a batch that the emulator does not produce on its own: 424 Failed Dependency goes
 * out again; a 5xx or a missing answer is checked against the user's licenses before anything is
 * sent again, so a request Graph carried out despite the error is not sent twice.
 */
class GraphApplyAnswersTest {

    @TempDir
    Path dir;
    ApplyFixture f;
    JobDefinition job;

    /** A tenant behind a scripted gateway: the first batch's answers are given, later ones succeed. */
    final class ScriptedGraph implements GraphGateway {
        final Map<String, Integer> sends = new HashMap<>();
        final Map<String, List<UserLicenses.Path>> licenses = new HashMap<>();
        int batches;

        @Override
        public List<SubResponse> batch(List<SubRequest> requests) {
            batches++;
            List<SubResponse> answers = new ArrayList<>();
            for (SubRequest r : requests) {
                String user = r.url().split("/")[2];
                sends.merge(user, 1, Integer::sum);
                int status = 200;
                if (batches == 1 && user.startsWith("dep")) {
                    status = 424;
                } else if (batches == 1 && user.startsWith("lost")) {
                    status = 503;
                }
                if (status != 424) {
                    // Carried out (a 503 after the write happened is what the verification is for).
                    licenses.put(user, List.of(new UserLicenses.Path(f.guid("SPE_E3"), Set.of(), null, "Active", "None")));
                }
                answers.add(new SubResponse(r.id(), status, Duration.ZERO, status == 200 ? null : "Error" + status, "scripted"));
            }
            return answers;
        }

        @Override
        public UserLicenses licenses(String user) {
            return new UserLicenses(true, licenses.getOrDefault(user, List.of()));
        }
    }

    @BeforeEach
    void setUp() {
        f = ApplyFixture.onH2(dir);
        job = f.job("nightly");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aFailedDependencyIsSentAgainAndAnUnknownOutcomeIsVerifiedFirst() throws Exception {
        f.publish(job, "20261201-020000", Instant.now(), List.of(
                "1,SPE_E3,ASSIGN,,dep@contoso.example", "1,SPE_E3,ASSIGN,,lost@contoso.example",
                "1,SPE_E3,ASSIGN,,ok@contoso.example"));
        ScriptedGraph graph = new ScriptedGraph();
        GraphApply apply = new GraphApply(new PublishedRuns(f.jdbc), f.store, () -> graph, j -> GroupPaths.NONE,
                f.properties(), ApplyClock.SYSTEM, ApplyHooks.NONE,
                new HtmlSummaryWriter(), f.out, f.out);

        ApplyReport report = apply.apply(job, null, ApplyOptions.defaults());

        assertThat(report.exitStatus()).as(f.console()).isZero();
        assertThat(graph.sends).containsEntry("dep@contoso.example", 2).containsEntry("lost@contoso.example", 1)
                .containsEntry("ok@contoso.example", 1);
        assertThat(f.jdbc.queryForObject("SELECT CODE FROM LR_APPLY WHERE USER_UPN = 'lost@contoso.example'", String.class))
                .isEqualTo("VERIFIED");
    }
}
