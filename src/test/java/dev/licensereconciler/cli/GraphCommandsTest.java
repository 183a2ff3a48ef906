package dev.licensereconciler.cli;

import dev.licensereconciler.graph.emulator.AssignedLicense;
import dev.licensereconciler.graph.emulator.EmulatedTenant.Workload;
import dev.licensereconciler.graph.emulator.GraphEmulator;
import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant at both ends, as an admin runs it: {@code snapshot} reads the (emulated) tenant into
 * the job's input folder, {@code run} plans, {@code apply} carries the plan out through Graph, and
 * the next snapshot and run find nothing left to do but what was refused. Also {@code apply:
 * after-run}, and the job keys' refusals.
 */
class GraphCommandsTest {

    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String EXCHANGE = "efb87545-963c-4e0d-99df-69c6916d9eb0";
    private static final String E1 = "18181a46-0d4e-45cd-891e-60aabd171b4e";
    private static final String EXCHANGE_STANDARD = "9aaf7827-d63c-4b61-89c3-182f06f82e5c";

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private GraphEmulator emulator;
    private String sales;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeEach
    void tenant() throws IOException {
        emulator = GraphEmulator.start();
        emulator.tenant().addSku("ENTERPRISEPACK", E3, Map.of("EXCHANGE_S_ENTERPRISE", EXCHANGE), 3, 0, 0, 0,
                "Enabled", "User");
        sales = emulator.tenant().addGroup("Sales");
        for (String name : List.of("ada", "bob", "cem", "dan")) {
            String id = emulator.tenant().addUser(name + "@contoso.example", "Member", true, "NL", "Sales", "Netherlands");
            ids.put(name, id);
            emulator.tenant().addMember(sales, id);
        }
        Path input = dir.resolve("tenant");
        Files.createDirectories(input);
        // The rules and who pays are the admin's, not the tenant's: snapshot keeps them.
        Files.writeString(input.resolve("group-licenses.csv"), "group,sku\nSales,ENTERPRISEPACK\n");
        Files.writeString(input.resolve("purchases.csv"),
                "sku,quantity,purchaser,unitPrice,currency\nENTERPRISEPACK,3,buyer@contoso.example,36.00,EUR\n");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Path job(String extra) throws IOException {
        Path job = dir.resolve("jobs").resolve("graph-job.yml");
        Files.createDirectories(job.getParent());
        Files.writeString(job, """
                name: graph-job
                input: %s
                output: %s
                mail:
                  enabled: false
                %s
                """.formatted(dir.resolve("tenant"), dir.resolve("out"), extra));
        return job;
    }

    private int cli(String... args) {
        return CommandLineRuns.execute(dir.resolve("db"), Stream.concat(Stream.of(args), Stream.of(
                "--license-reconciler.graph.tenant-id=" + emulator.tenantId(),
                "--license-reconciler.graph.client-id=" + emulator.clientId(),
                "--license-reconciler.graph.client-secret=" + emulator.clientSecret(),
                "--license-reconciler.graph.base-url=" + emulator.graphBaseUrl(),
                // The emulator stands at a loopback address but answers as Graph, whose resource id is this.
                "--license-reconciler.graph.scope=https://graph.microsoft.com/.default",
                "--license-reconciler.graph.authority-host=" + emulator.authorityHost(),
                "--license-reconciler.graph.trust-store=" + emulator.trustStore(),
                "--license-reconciler.graph.trust-store-password=" + new String(emulator.trustStorePassword())))
                .toArray(String[]::new));
    }

    private Set<String> holders() {
        Set<String> holders = new TreeSet<>();
        ids.forEach((name, id) -> {
            if (emulator.tenant().assignedLicenses(id).stream().map(AssignedLicense::skuId).anyMatch(E3::equals)) {
                holders.add(name);
            }
        });
        return holders;
    }

    private Path lastRunFolder() {
        return lastRunFolder("graph-job");
    }

    private Path lastRunFolder(String job) {
        return CommandLineRuns.lastRunFolder(dir.resolve("out"), job);
    }

    @Test
    void snapshotRunApplySnapshotRunLeavesOnlyTheRefusedToDo() throws IOException {
        Path job = job("");

        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(dir.resolve("tenant").resolve("users.csv")).exists();
        assertThat(cli("run", job.toString())).as(console.err()).isEqualTo(3);
        Path first = lastRunFolder();
        assertThat(Files.readAllLines(first.resolve("actions.csv"))).hasSize(4);
        assertThat(cli("apply", job.toString())).as(console.err()).isZero();
        assertThat(holders()).containsExactly("ada", "bob", "cem");
        // The run's summary now shows the apply too.
        String summary = Files.readString(first.resolve("summary.html"));
        assertThat(summary).contains("<h2>Apply through Microsoft Graph</h2>", "applied, all clean · started ",
                "<b>3</b><span>assignLicense requests</span>", "<b>3</b><span>applied</span>",
                "<td class=\"n\">1</td><td>ENTERPRISEPACK</td><td>ASSIGN</td><td class=\"n\">3</td><td class=\"n\">3</td>",
                "<a href=\"apply.csv\">apply.csv</a>");

        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(cli("run", job.toString())).as(console.err()).isEqualTo(3);
        Path second = lastRunFolder();
        assertThat(Files.readAllLines(second.resolve("actions.csv"))).containsExactly("batch,sku,operation,disabledPlans,user");
        assertThat(Files.readAllLines(second.resolve("results.csv"))).contains(
                "ada@contoso.example,ENTERPRISEPACK,KEEP,,",
                "dan@contoso.example,ENTERPRISEPACK,FAILED,COUNT_VIOLATION,");
        // The same run twice is refused, saying why.
        assertThat(cli("apply", job.toString(), "--run", first.getFileName().toString())).isEqualTo(1);
        assertThat(console.err()).contains("was already applied").contains("nothing was sent");
        assertThat(emulator.requests().assignLicenseExecutions(ids.get("dan"))).isZero();
        assertThat(first.resolve("summary.html")).as("a refused apply changes no summary").hasContent(summary);

        // Ada leaves the rule's group. Her license came back from the tenant as Direct, and the job's
        // own record says it manages it: the next run takes it back, and Dan gets the seat it frees.
        emulator.tenant().removeMember(sales, ids.get("ada"));
        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(Files.readString(dir.resolve("tenant").resolve("assignments.csv")))
                .contains("ada@contoso.example,ENTERPRISEPACK,,Direct");
        assertThat(cli("run", job.toString())).as(console.err()).isZero();
        Path third = lastRunFolder();
        assertThat(Files.readAllLines(third.resolve("results.csv"))).contains(
                "ada@contoso.example,ENTERPRISEPACK,UNASSIGN,,",
                "dan@contoso.example,ENTERPRISEPACK,ASSIGN,,");
        assertThat(cli("apply", job.toString())).as(console.err()).isZero();
        assertThat(holders()).containsExactly("bob", "cem", "dan");
        // One request each: Ada's removal (her second ever) and Dan's assignment.
        assertThat(emulator.requests().assignLicenseExecutions(ids.get("ada"))).isEqualTo(2);
        assertThat(emulator.requests().assignLicenseExecutions(ids.get("dan"))).isOne();
    }

    /**
     * The usage report and sign-ins come through the snapshot too: after a first apply, Bob (Exchange last in
     * January) and Cem (never active, created 2024) are found INACTIVE, Ada (signed in last week, no workload
     * activity) is not. Their E3 comes from the job's rule, so it is only reported (the next run would give it
     * back); the E1 they hold by hand is reported by the notice run and taken back by the next one.
     */
    @Test
    void aSnapshotWithTheActivityReportLetsTheRunFindTheInactiveLicenses() throws IOException {
        Path job = job("policies:\n  reclaim: inactive\n");
        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(cli("run", job.toString())).as(console.err()).isEqualTo(3);
        assertThat(cli("apply", job.toString())).as(console.err()).isZero();
        assertThat(holders()).containsExactly("ada", "bob", "cem");
        var tenant = emulator.tenant();
        String e1 = tenant.addSku("STANDARDPACK", E1, Map.of("EXCHANGE_S_STANDARD", EXCHANGE_STANDARD), 5, 0, 0, 0,
                "Enabled", "User");
        for (String name : List.of("ada", "bob", "cem")) {
            tenant.assignDirect(ids.get(name), e1, Set.of());
        }
        ids.values().forEach(id -> tenant.created(id, Instant.parse("2024-02-01T08:00:00Z")));
        tenant.reportRefreshed(LocalDate.of(2026, 11, 28));
        tenant.signedIn(ids.get("ada"), Instant.parse("2026-11-20T07:31:00Z"), true);
        tenant.active(ids.get("bob"), Workload.EXCHANGE, LocalDate.of(2026, 1, 5));
        tenant.active(ids.get("dan"), Workload.TEAMS, LocalDate.of(2026, 11, 27));

        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(console.out()).contains("activity.csv: the Microsoft 365 active users report of 2026-11-28");
        assertThat(cli("run", job.toString())).as(console.err()).isEqualTo(3);
        Path notice = lastRunFolder();
        assertThat(Files.readAllLines(notice.resolve("results.csv"))).contains(
                "ada@contoso.example,ENTERPRISEPACK,KEEP,,",
                "ada@contoso.example,STANDARDPACK,KEEP,,",
                "bob@contoso.example,ENTERPRISEPACK,KEEP,INACTIVE,",
                "bob@contoso.example,STANDARDPACK,KEEP,INACTIVE,",
                "cem@contoso.example,ENTERPRISEPACK,KEEP,INACTIVE,",
                "cem@contoso.example,STANDARDPACK,KEEP,INACTIVE,");
        assertThat(Files.readAllLines(notice.resolve("actions.csv"))).containsExactly(
                "batch,sku,operation,disabledPlans,user");

        assertThat(cli("run", job.toString())).as(console.err()).isEqualTo(3);
        assertThat(Files.readAllLines(lastRunFolder().resolve("actions.csv"))).containsExactly(
                "batch,sku,operation,disabledPlans,user",
                "1,STANDARDPACK,UNASSIGN,,bob@contoso.example",
                "1,STANDARDPACK,UNASSIGN,,cem@contoso.example");
    }

    @Test
    void aBulkImportRoundTripLeavesTheTenantAsTheRequestsAskedAndTheRefusedRefused() throws IOException {
        String e1 = emulator.tenant().addSku("STANDARDPACK", E1, Map.of("EXCHANGE_S_STANDARD", EXCHANGE_STANDARD), 2, 0,
                0, 0, "Enabled", "User");
        String eve = emulator.tenant().addUser("eve@contoso.example", "Member", true, "NL", "Sales", "Netherlands");
        emulator.tenant().assignDirect(ids.get("ada"), E3, Set.of());
        emulator.tenant().assignDirect(ids.get("bob"), e1, Set.of());
        Path input = dir.resolve("tenant");
        // An ad-hoc import has no rules of its own.
        Files.delete(input.resolve("group-licenses.csv"));
        Files.writeString(input.resolve("requests.csv"), """
                user,action,sku,disabledPlans
                ada@contoso.example,UNASSIGN,ENTERPRISEPACK,
                bob@contoso.example,REPLACE,ENTERPRISEPACK,
                cem@contoso.example,ASSIGN,ENTERPRISEPACK,EXCHANGE_S_ENTERPRISE
                dan@contoso.example,ASSIGN,ENTERPRISEPACK,
                eve@contoso.example,ASSIGN,ENTERPRISEPACK,
                ghost@contoso.example,ASSIGN,ENTERPRISEPACK,
                """);
        Path job = bulkImportJob();

        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(input.resolve("requests.csv")).as("snapshot keeps the admin's requests").exists();
        assertThat(cli("run", job.toString())).as(console.err()).isEqualTo(3);
        Path run = lastRunFolder("graph-import");
        assertThat(Files.readString(run.resolve("errors.csv"))).contains("eve@contoso.example").contains("ghost@contoso.example");
        assertThat(cli("apply", job.toString())).as(console.err()).isZero();

        assertThat(emulator.tenant().assignedLicenses(ids.get("ada"))).isEmpty();
        assertThat(emulator.tenant().assignedLicenses(ids.get("bob"))).containsExactly(new AssignedLicense(E3, Set.of()));
        assertThat(emulator.tenant().assignedLicenses(ids.get("cem"))).containsExactly(new AssignedLicense(E3, Set.of(EXCHANGE)));
        assertThat(emulator.tenant().assignedLicenses(ids.get("dan"))).containsExactly(new AssignedLicense(E3, Set.of()));
        assertThat(emulator.tenant().assignedLicenses(eve)).as("refused for want of a seat").isEmpty();
        assertThat(emulator.requests().assignLicenseExecutions(eve)).isZero();
        // The switch is one request that adds E3 and removes E1.
        assertThat(emulator.requests().assignLicenseExecutions(ids.get("bob"))).isEqualTo(1);
        assertThat(Files.readAllLines(run.resolve("apply.csv"))).hasSize(6)
                .allSatisfy(line -> assertThat(line).matches("batch,.*|.*,APPLIED,.*"));

        // The next snapshot reads back exactly what the requests asked.
        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(Files.readAllLines(input.resolve("assignments.csv")).stream().skip(1)
                .map(line -> line.replaceAll(",.*?(ENTERPRISEPACK|STANDARDPACK).*", " $1")).toList())
                .containsExactlyInAnyOrder("bob@contoso.example ENTERPRISEPACK", "cem@contoso.example ENTERPRISEPACK",
                        "dan@contoso.example ENTERPRISEPACK");
        assertThat(Files.readString(input.resolve("assignments.csv"))).contains("EXCHANGE_S_ENTERPRISE");

        assertThat(cli("apply", job.toString(), "--run", run.getFileName().toString())).isEqualTo(1);
        assertThat(console.err()).contains("was already applied").contains("nothing was sent");
    }

    private Path bulkImportJob() throws IOException {
        Path job = dir.resolve("jobs").resolve("graph-import.yml");
        Files.createDirectories(job.getParent());
        Files.writeString(job, """
                name: graph-import
                type: bulk-import
                input: %s
                requests: requests.csv
                output: %s
                mail:
                  enabled: false
                """.formatted(dir.resolve("tenant"), dir.resolve("out")));
        return job;
    }

    @Test
    void applyAfterRunCarriesEveryPublishedRunOut() throws IOException {
        Path job = job("apply: after-run\nmaxPlanAge: 36h");

        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(cli("run", job.toString())).as(console.err()).isEqualTo(3);

        assertThat(holders()).containsExactly("ada", "bob", "cem");
        assertThat(lastRunFolder().resolve("apply.csv")).exists();
    }

    @Test
    void aDryRunShowsTheRequestsWithoutSigningIn() throws IOException {
        Path job = job("");
        assertThat(cli("snapshot", job.toString())).as(console.err()).isZero();
        assertThat(cli("run", job.toString())).as(console.err()).isEqualTo(3);
        int tokens = emulator.requests().tokenRequests();
        String summary = Files.readString(lastRunFolder().resolve("summary.html"));

        assertThat(cli("apply", job.toString(), "--dry-run")).as(console.err()).isZero();

        assertThat(lastRunFolder().resolve("summary.html")).as("a dry run carries nothing out").hasContent(summary);
        assertThat(console.out()).contains("POST", "/users/", "assignLicense", E3);
        assertThat(emulator.requests().tokenRequests()).isEqualTo(tokens);
        assertThat(holders()).isEmpty();
    }

    @Test
    void badApplySettingsAreRefusedNamingTheKey() throws IOException {
        Path job = job("apply: sometimes");
        assertThat(cli("run", job.toString())).isEqualTo(1);
        assertThat(console.err()).contains("apply 'sometimes' is not known").contains("after-run");

        Files.writeString(job, Files.readString(job).replace("apply: sometimes", "maxPlanAge: a while"));
        assertThat(cli("run", job.toString())).isEqualTo(1);
        assertThat(console.err()).contains("maxPlanAge 'a while' is not a duration");
    }
}
