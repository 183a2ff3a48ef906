package dev.licensereconciler.cli;

import dev.licensereconciler.LicenseReconcilerApplication;
import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as an admin uses it: exit statuses 0/3/1/2 and what it prints, on the
 * embedded database, with a job named by path.
 */
class LicenseReconcilerApplicationTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private int run(String... args) {
        return CommandLineRuns.execute(dir.resolve("db"), args);
    }

    private Path jobFile(String name, String extra) throws IOException, URISyntaxException {
        Path input = Path.of(getClass().getResource("/examples/basic/input").toURI());
        Path job = dir.resolve("jobs").resolve(name + ".yml");
        Files.createDirectories(job.getParent());
        Files.writeString(job, """
                name: %s
                input: %s
                servicePlanRules: %s
                output: %s
                %s
                """.formatted(name, input, input.resolve("service-plan-rules.csv"), dir.resolve("out"), extra));
        return job;
    }

    @Test
    void runOfTheWorkedExampleExitsThreeAndSaysWhereTheReportsAre() throws Exception {
        Path job = jobFile("cli-example", "");

        int status = run("run", job.toString());

        assertThat(status).as(console.err()).isEqualTo(3);
        String printed = console.out();
        assertThat(printed).contains("cli-example run ").contains("completed with problems to review")
                .contains("10 users in users.csv: 6 licenses to assign, 1 to unassign, 1 service updates; 7 refused; 3 input errors")
                .contains("Shortfall: 3 licenses to buy")
                .contains("Reports: " + dir.resolve("out").resolve("cli-example"));
    }

    @Test
    void aCleanTenantExitsZero() throws Exception {
        Path input = dir.resolve("clean");
        Files.createDirectories(input);
        Files.writeString(input.resolve("users.csv"), "userPrincipalName,usageLocation,accountEnabled\nada@contoso.example,NL,true\n");
        Files.writeString(input.resolve("purchases.csv"), "sku,quantity\nENTERPRISEPACK,5\n");
        Files.writeString(input.resolve("group-memberships.csv"), "group,member\nStaff,ada@contoso.example\n");
        Files.writeString(input.resolve("group-licenses.csv"), "group,sku\nStaff,ENTERPRISEPACK\n");
        Path job = jobFile("clean", "");

        int status = run("run", job.toString(), "--input", input.toString());

        assertThat(status).as(console.err()).isZero();
        assertThat(console.out()).contains("completed, all clean").contains("1 licenses to assign");
    }

    @Test
    void anUnusableFileFailsWithExitOneNamingFileLineAndRemedy() throws Exception {
        Path input = dir.resolve("broken");
        Files.createDirectories(input);
        Files.writeString(input.resolve("users.csv"), "displayName,department\nAda,IT\n");
        Files.writeString(input.resolve("purchases.csv"), "sku,quantity\nENTERPRISEPACK,5\n");
        Path job = jobFile("broken", "");

        int status = run("run", job.toString(), "--input", input.toString());

        assertThat(status).isEqualTo(1);
        assertThat(console.err()).contains("FAILED").contains("users.csv")
                .contains("line 1").contains("Nothing was published");
        assertThat(dir.resolve("out/broken")).doesNotExist();
    }

    @Test
    void aBadCommandLineExitsTwoWithUsage() {
        assertThat(LicenseReconcilerApplication.execute("run")).isEqualTo(2);
        assertThat(console.err()).contains("run needs a job name").contains("Usage:");
    }

    @Test
    void anUnknownJobOrInvalidJobFileFailsWithAClearMessage() throws Exception {
        jobFile("ok", "");
        Files.writeString(dir.resolve("jobs/bad.yml"), "name: bad\ninput: x\nschedule:\n  cron: \"every night\"\n");

        assertThat(run("run", "nope", "--jobs", dir.resolve("jobs").toString())).isEqualTo(1);
        assertThat(console.err()).contains("bad.yml").contains("schedule.cron 'every night'");
    }

    @Test
    void jobsListsScheduleAndNextFireTime() throws Exception {
        jobFile("nightly", "schedule:\n  cron: \"0 0 2 * * ?\"\n  timeZone: Europe/Amsterdam\n");
        jobFile("adhoc", "");

        int status = run("jobs", "--jobs", dir.resolve("jobs").toString());

        assertThat(status).isZero();
        String printed = console.out();
        assertThat(printed).contains("nightly").contains("0 0 2 * * ? Europe/Amsterdam").containsPattern("T02:00\\+0[12]:00")
                .contains("adhoc").contains("on demand").contains("never run");
    }

    @Test
    void aBulkImportRunsOnAnyRequestsFileTheAdminNames() throws Exception {
        Path job = jobFile("adhoc-import", "type: bulk-import\n");
        Path requests = dir.resolve("elsewhere/monday.csv");
        Files.createDirectories(requests.getParent());
        Files.writeString(requests, "user,action,sku\njan.dekker@contoso.example,UNASSIGN,STANDARDPACK\n");

        int status = run("run", job.toString(), "--requests", requests.toString());

        assertThat(status).as(console.err()).isEqualTo(3);
        assertThat(console.out()).contains("0 licenses to assign, 1 to unassign");
        Path runFolder;
        try (var runs = Files.list(dir.resolve("out/adhoc-import"))) {
            runFolder = runs.findFirst().orElseThrow();
        }
        assertThat(Files.readString(runFolder.resolve("results.csv")))
                .isEqualTo("user,sku,outcome,code,disabledPlans\njan.dekker@contoso.example,STANDARDPACK,UNASSIGN,,\n");
    }

    @Test
    void requestsGoOnlyWithABulkImport() throws Exception {
        Path job = jobFile("nightly-only", "");

        assertThat(run("run", job.toString(), "--requests", "x.csv")).isEqualTo(2);
        assertThat(console.err()).contains("--requests goes with a bulk-import job");
    }
}
