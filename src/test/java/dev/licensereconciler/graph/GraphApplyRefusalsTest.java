package dev.licensereconciler.graph;

import dev.licensereconciler.domain.Policies;
import dev.licensereconciler.domain.Reclaim;
import dev.licensereconciler.job.JobDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Applies that are refused say why and how to proceed, and send nothing. */
class GraphApplyRefusalsTest {

    @TempDir
    Path dir;
    ApplyFixture f;
    JobDefinition job;

    @BeforeEach
    void setUp() {
        f = ApplyFixture.onH2(dir);
        job = f.job("nightly");
        f.sku("SPE_E3", 10);
        f.user("anna@contoso.example");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private long writesSent() {
        return f.emulator.requests().all().stream().filter(r -> r.path().endsWith("/$batch")).count();
    }

    @Test
    void aRunAlreadyAppliedIsRefused() throws Exception {
        f.publish(job, "20261201-020000", Instant.now(), List.of("1,SPE_E3,ASSIGN,,anna@contoso.example"));
        assertThat(f.apply().apply(job, null, ApplyOptions.defaults()).exitStatus()).isZero();

        ApplyReport again = f.apply().apply(job, "20261201-020000", ApplyOptions.defaults());

        assertThat(again.exitStatus()).isEqualTo(1);
        assertThat(again.message()).startsWith("Run 20261201-020000 of nightly was already applied at ")
                .contains("nothing was sent").contains("run nightly again and apply that run");
        assertThat(f.executions("anna@contoso.example")).isEqualTo(1);
    }

    @Test
    void aPlanOlderThanMaxPlanAgeIsRefused() throws Exception {
        f.publish(job, "20261130-020000", Instant.now().minus(Duration.ofHours(25)),
                List.of("1,SPE_E3,ASSIGN,,anna@contoso.example"));

        ApplyReport report = f.apply().apply(job, null, ApplyOptions.defaults());

        assertThat(report.exitStatus()).isEqualTo(1);
        assertThat(report.message()).contains("older than the job's maxPlanAge of 24 h 0 min")
                .contains("Take a new snapshot (snapshot nightly), run nightly again and apply that run");
        assertThat(writesSent()).isZero();
        // The job may allow older plans.
        ApplyReport allowed = f.apply().apply(job, null, new ApplyOptions(false, Duration.ofHours(48), null));
        assertThat(allowed.exitStatus()).isZero();
    }

    @Test
    void theSnapshotsAgeCountsWhenItIsOlderThanTheRun() throws Exception {
        Files.createDirectories(job.input());
        SnapshotInfo.write(job.input(), Instant.now().minus(Duration.ofHours(30)), "https://graph.microsoft.com/v1.0", "t");
        f.publish(job, "20261201-020000", Instant.now(), List.of("1,SPE_E3,ASSIGN,,anna@contoso.example"));

        ApplyReport report = f.apply().apply(job, null, ApplyOptions.defaults());

        assertThat(report.exitStatus()).isEqualTo(1);
        assertThat(report.message()).contains("was planned from tenant data of").contains("30 h 0 min ago");
    }

    @Test
    void theUnassignGuardStopsAnApplyThatRemovesTooMuch() throws Exception {
        JobDefinition strict = new JobDefinition(job.name(), job.type(), null, job.input(), null, null, null, job.output(),
                new Policies(false, false, "", Reclaim.NONE, 1, 20), job.mail(), null);
        f.user("bert@contoso.example");
        f.publish(strict, "20261201-020000", Instant.now(), List.of(
                "1,SPE_E3,UNASSIGN,,anna@contoso.example", "1,SPE_E3,UNASSIGN,,bert@contoso.example"));

        ApplyReport report = f.apply().apply(strict, null, ApplyOptions.defaults());

        assertThat(report.exitStatus()).isEqualTo(1);
        assertThat(report.message()).contains("would unassign 2 licenses, more than the job's maxUnassign of 1")
                .contains("--max-unassign 2");
        assertThat(writesSent()).isZero();
    }

    @Test
    void aJobWithoutAPublishedRunIsRefused() {
        ApplyReport report = f.apply().apply(job, null, ApplyOptions.defaults());

        assertThat(report.exitStatus()).isEqualTo(1);
        assertThat(report.message()).isEqualTo("Job nightly has no published run to apply. Run the job first (run nightly).");
    }

    @Test
    void missingCredentialsAreNamedWithoutSigningIn() throws Exception {
        f.publish(job, "20261201-020000", Instant.now(), List.of("1,SPE_E3,ASSIGN,,anna@contoso.example"));
        GraphProperties none = GraphProperties.of(null, null, null, f.emulator.graphBaseUrl(), f.emulator.authorityHost());

        ApplyReport report = f.apply(none, ApplyHooks.NONE, ApplyClock.SYSTEM).apply(job, null, ApplyOptions.defaults());

        assertThat(report.exitStatus()).isEqualTo(1);
        assertThat(report.message()).contains("set tenant-id client-id client-secret (or certificate-path)");
        assertThat(f.emulator.requests().tokenRequests()).isZero();
    }
}
