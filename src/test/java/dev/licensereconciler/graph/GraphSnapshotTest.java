package dev.licensereconciler.graph;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.TenantSnapshot;
import dev.licensereconciler.ingest.LoadedSnapshot;
import dev.licensereconciler.ingest.ReferenceData;
import dev.licensereconciler.ingest.SnapshotLoader;
import dev.licensereconciler.job.JobDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** snapshot: the tenant read from Graph into a folder that the product's own loader reads without a problem. */
class GraphSnapshotTest {

    @TempDir
    Path dir;
    ApplyFixture f;
    JobDefinition job;

    @BeforeEach
    void setUp() throws Exception {
        f = ApplyFixture.onH2(dir);
        job = f.job("nightly");
        Files.createDirectories(job.input());
        Files.writeString(job.input().resolve("group-licenses.csv"), "group,sku,disabledPlans,priority\n"
                + "LIC-M365-E3,SPE_E3,,100\n");
        Files.writeString(job.input().resolve("purchases.csv"), "sku,quantity,purchaser,unitPrice,currency\n"
                + "SPE_E3,1,it-purchasing@contoso.example,33.70,EUR\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void writesTheTenantInTheProductsOwnFormats() throws Exception {
        String e3 = f.sku("SPE_E3", 390);
        String e1 = f.sku("STANDARDPACK", 20);
        String group = f.emulator.tenant().addGroup("LIC-M365-E3");
        f.emulator.tenant().addGroupLicense(group, e3, Set.of(f.planId("SWAY")));
        for (int i = 0; i < 1200; i++) {
            String id = f.user(String.format("user%04d@contoso.example", i));
            if (i % 3 == 0) {
                f.emulator.tenant().addMember(group, id);
            }
            if (i % 100 == 1) {
                f.emulator.tenant().assignDirect(id, e1, Set.of(f.planId("YAMMER_ENTERPRISE")));
            }
        }
        Path out = dir.resolve("snapshot");

        SnapshotReport report = new GraphSnapshot(() -> {
            GraphHttp http = new GraphHttp(f.properties());
            return http.client(http.accessTokens());
        }, true, f.out).snapshot(job, out);

        assertThat(report.exitStatus()).as(f.console()).isZero();
        assertThat(report.users()).isEqualTo(1200);
        assertThat(report.members()).isEqualTo(400);
        // 400 members for 390 seats: the tenant's own group licensing leaves 10 of them in state Error.
        assertThat(report.licenses()).isEqualTo(390 + 12);
        assertThat(report.licenseErrors()).isEqualTo(10);
        assertThat(Files.readString(out.resolve("tenant-license-errors.csv"))).contains(",SPE_E3,LIC-M365-E3,Error,CountViolation,");
        assertThat(Files.readString(out.resolve("assignments.csv"))).contains(
                "user0000@contoso.example,SPE_E3,SWAY,LIC-M365-E3", "user0001@contoso.example,STANDARDPACK,YAMMER_ENTERPRISE,Direct");
        assertThat(Files.readString(out.resolve("purchases.csv"))).contains(
                "SPE_E3,390,Enabled,Admin,it-purchasing@contoso.example,33.70,EUR");
        assertThat(Files.readString(out.resolve(TenantGroupPaths.FILE))).isEqualTo("group,sku\r\nLIC-M365-E3,SPE_E3\r\n".replace("\r\n",
                Files.readString(out.resolve(TenantGroupPaths.FILE)).contains("\r\n") ? "\r\n" : "\n"));
        assertThat(SnapshotInfo.takenAt(out)).isNotNull();

        LoadedSnapshot loaded = new SnapshotLoader(ReferenceData.builtinCatalog(), ReferenceData.builtinServicePlanRules())
                .load(out);
        // Every other file reads without a problem; the 10 paths in state Error come back as the tenant's own errors.
        assertThat(loaded.problems()).hasSize(10).allSatisfy(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.TENANT_LICENSE_ERROR);
            assertThat(p.file()).isEqualTo("tenant-license-errors.csv");
            assertThat(p.sku()).isEqualTo("SPE_E3");
            assertThat(p.user()).matches("user\\d{4}@contoso\\.example");
            assertThat(p.message()).contains("through group 'LIC-M365-E3': 'CountViolation'");
            assertThat(p.fix()).contains("Buy more seats of SPE_E3", "reprocess group 'LIC-M365-E3'");
        });
        assertThat(loaded.problems()).extracting(Problem::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        TenantSnapshot snapshot = loaded.snapshot();
        assertThat(snapshot.userCount()).isEqualTo(1200);
        assertThat(snapshot.membersOf("LIC-M365-E3")).hasSize(400);
    }
}
