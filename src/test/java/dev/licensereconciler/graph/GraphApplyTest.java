package dev.licensereconciler.graph;

import dev.licensereconciler.graph.emulator.AssignedLicense;
import dev.licensereconciler.graph.emulator.Recorded;
import dev.licensereconciler.job.JobDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** apply against the Graph emulator: batching, the combined switch, order, outcomes and apply.csv. */
class GraphApplyTest {

    @TempDir
    Path dir;
    ApplyFixture f;
    JobDefinition job;

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
    void assignsUnassignsAndSwitchesWithOneRequestPerUser() throws Exception {
        String e3 = f.sku("SPE_E3", 10);
        String e1 = f.sku("STANDARDPACK", 10);
        f.user("anna@contoso.example");
        f.user("bert@contoso.example");
        String carl = f.user("carl@contoso.example");
        f.emulator.tenant().assignDirect(carl, e1, Set.of());
        String dora = f.user("dora@contoso.example");
        f.emulator.tenant().assignDirect(dora, e3, Set.of());
        Path folder = f.publish(job, "20261201-020000", Instant.now(), List.of(
                "1,SPE_E3,UNASSIGN,,dora@contoso.example",
                "2,STANDARDPACK,UNASSIGN,,carl@contoso.example",
                "3,SPE_E3,ASSIGN,,anna@contoso.example",
                "3,SPE_E3,ASSIGN,,bert@contoso.example",
                "3,SPE_E3,ASSIGN,SWAY;YAMMER_ENTERPRISE,carl@contoso.example"));

        ApplyReport report = f.apply().apply(job, null, ApplyOptions.defaults());

        assertThat(report.exitStatus()).as(f.console()).isEqualTo(0);
        assertThat(report.applied()).isEqualTo(4);
        for (String upn : List.of("anna@contoso.example", "bert@contoso.example", "carl@contoso.example", "dora@contoso.example")) {
            assertThat(f.executions(upn)).as(upn).isEqualTo(1);
        }
        assertThat(f.emulator.tenant().assignedLicenses(carl)).containsExactly(
                new AssignedLicense(e3, Set.of(f.planId("SWAY"), f.planId("YAMMER_ENTERPRISE"))));
        assertThat(f.emulator.tenant().assignedLicenses(dora)).isEmpty();
        // The switch is one request holding both lists.
        Recorded carlsRequest = f.emulator.requests().all().stream()
                .filter(r -> r.path().contains("/batch-part/") || r.body().contains("carl@contoso.example"))
                .findFirst().orElseThrow();
        assertThat(carlsRequest.body()).contains("removeLicenses").contains(e1.toLowerCase());
        assertThat(Files.readString(folder.resolve("apply.csv"))).contains(
                "3,SPE_E3,ASSIGN,SWAY;YAMMER_ENTERPRISE,carl@contoso.example,APPLIED");
        assertThat(f.console()).contains("4 requests: 4 applied, 0 failed");
    }
}
