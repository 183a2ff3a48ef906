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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk-import job end to end: requests carried out in file order against the state the
 * earlier rows left, each refusal reported with its line, and the net change batched by 20.
 */
@SpringBootTest(properties = "license-reconciler.data-dir=./target/test-db/bulk-import")
class BulkImportJobTest {

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;

    @TempDir
    Path dir;

    private static String u(int i) {
        return "u%02d@contoso.example".formatted(i);
    }

    @Test
    void requestsAreCarriedOutInFileOrderAndTheNetChangeIsBatched() throws Exception {
        Path input = dir.resolve("tenant");
        String users = IntStream.rangeClosed(1, 25).mapToObj(i -> u(i) + ",Member,true,NL").collect(Collectors.joining("\n"));
        TenantFolders.write(input.resolve("users.csv"), "userPrincipalName,userType,accountEnabled,usageLocation\n" + users + "\n"
                + "guest_fabrikam.example#EXT#@contoso.onmicrosoft.com,Guest,true,NL\n"
                + "blocked@contoso.example,Member,false,NL\n"
                + "nowhere@contoso.example,Member,true,\n"
                + "ruled@contoso.example,Member,true,NL\n");
        TenantFolders.write(input.resolve("purchases.csv"), """
                sku,quantity,status,channel,purchaser,unitPrice,currency
                ENTERPRISEPACK,30,Enabled,Admin,buyer@contoso.example,36.00,EUR
                STANDARDPACK,2,Enabled,Admin,buyer@contoso.example,10.00,EUR
                FLOW_FREE,10000,Enabled,Admin,,0,EUR
                POWER_BI_PRO,5,Enabled,SelfService,someone@contoso.example,14.00,EUR
                """);
        TenantFolders.write(input.resolve("group-memberships.csv"), "group,member\nStaff,ruled@contoso.example\n");
        TenantFolders.write(input.resolve("group-licenses.csv"), "group,sku\nStaff,ENTERPRISEPACK\n");
        TenantFolders.write(input.resolve("assignments.csv"), """
                user,sku,disabledPlans,assignedBy
                u01@contoso.example,STANDARDPACK,,Direct
                u02@contoso.example,STANDARDPACK,,Direct
                ruled@contoso.example,ENTERPRISEPACK,,Staff
                """);
        String flow = IntStream.rangeClosed(1, 25).mapToObj(i -> u(i) + ",ASSIGN,FLOW_FREE,").collect(Collectors.joining("\n"));
        TenantFolders.write(input.resolve("requests.csv"), "user,action,sku,disabledPlans\n" + flow + "\n" + """
                u03@contoso.example,ASSIGN,STANDARDPACK,
                u01@contoso.example,UNASSIGN,STANDARDPACK,
                u03@contoso.example,ASSIGN,STANDARDPACK,
                u04@contoso.example,UNASSIGN,STANDARDPACK,
                ruled@contoso.example,UNASSIGN,ENTERPRISEPACK,
                u02@contoso.example,SET_SERVICES,STANDARDPACK,SWAY
                u05@contoso.example,REPLACE,ENTERPRISEPACK,
                guest_fabrikam.example#EXT#@contoso.onmicrosoft.com,ASSIGN,FLOW_FREE,
                nowhere@contoso.example,ASSIGN,FLOW_FREE,
                blocked@contoso.example,ASSIGN,FLOW_FREE,
                u06@contoso.example,ASSIGN,POWER_BI_PRO,
                u07@contoso.example,ADD,FLOW_FREE,
                """);
        Path jobFile = dir.resolve("bulk.yml");
        TenantFolders.write(jobFile, """
                name: bulk-test
                type: bulk-import
                input: %s
                requests: requests.csv
                output: %s
                policies:
                  defaultUsageLocation: NL
                  maxUnassign: 0
                """.formatted(input, dir.resolve("out")));
        JobDefinition job = loader.load(jobFile);

        JobExecution execution = launcher.launch(job, RunLauncher.Options.defaults());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path run = dir.resolve("out/bulk-test").resolve(execution.getJobParameters().getString(RunParameters.RUN_ID));
        String firstBatch = IntStream.rangeClosed(1, 21).filter(i -> i != 5)
                .mapToObj(i -> "4,FLOW_FREE,ASSIGN,," + u(i)).collect(Collectors.joining("\n"));
        String secondBatch = IntStream.rangeClosed(22, 25).mapToObj(i -> "5,FLOW_FREE,ASSIGN,," + u(i)).collect(Collectors.joining("\n"));
        // u05's FLOW_FREE came and went within the file (REPLACE): no net change, so no action.
        assertThat(TenantFolders.read(run.resolve("actions.csv"))).isEqualTo("""
                batch,sku,operation,disabledPlans,user
                1,STANDARDPACK,UNASSIGN,,u01@contoso.example
                2,STANDARDPACK,UPDATE_SERVICES,SWAY,u02@contoso.example
                3,ENTERPRISEPACK,ASSIGN,,u05@contoso.example
                """ + firstBatch + "\n" + secondBatch + "\n" + """
                6,STANDARDPACK,ASSIGN,,u03@contoso.example
                """);
        assertThat(TenantFolders.read(run.resolve("results.csv"))).contains("""
                u03@contoso.example,STANDARDPACK,FAILED,COUNT_VIOLATION,
                u01@contoso.example,STANDARDPACK,UNASSIGN,,
                u03@contoso.example,STANDARDPACK,ASSIGN,,
                u04@contoso.example,STANDARDPACK,FAILED,NOT_ASSIGNED,
                ruled@contoso.example,ENTERPRISEPACK,FAILED,INHERITED_LICENSE,
                u02@contoso.example,STANDARDPACK,UPDATE_SERVICES,,SWAY
                u05@contoso.example,ENTERPRISEPACK,ASSIGN,,
                guest_fabrikam.example#EXT#@contoso.onmicrosoft.com,FLOW_FREE,FAILED,GUEST_NOT_ALLOWED,
                nowhere@contoso.example,FLOW_FREE,FAILED,USAGE_LOCATION_MISSING,
                blocked@contoso.example,FLOW_FREE,FAILED,ACCOUNT_BLOCKED,
                u06@contoso.example,POWER_BI_PRO,FAILED,SELF_SERVICE_SUBSCRIPTION,
                """);
        assertThat(TenantFolders.errorKeys(run.resolve("errors.csv"))).isEqualTo("""
                file,line,user,sku,code
                requests.csv,27,u03@contoso.example,STANDARDPACK,COUNT_VIOLATION
                requests.csv,30,u04@contoso.example,STANDARDPACK,NOT_ASSIGNED
                requests.csv,31,ruled@contoso.example,ENTERPRISEPACK,INHERITED_LICENSE
                requests.csv,34,guest_fabrikam.example#EXT#@contoso.onmicrosoft.com,FLOW_FREE,GUEST_NOT_ALLOWED
                requests.csv,35,nowhere@contoso.example,FLOW_FREE,USAGE_LOCATION_MISSING
                requests.csv,36,blocked@contoso.example,FLOW_FREE,ACCOUNT_BLOCKED
                requests.csv,37,u06@contoso.example,POWER_BI_PRO,SELF_SERVICE_SUBSCRIPTION
                requests.csv,38,u07@contoso.example,,INVALID_ROW
                """);
        // §7: the refused first request for E1 counts, although a later row freed a seat for it.
        assertThat(TenantFolders.read(run.resolve("shortfall.csv"))).contains(
                "STANDARDPACK,Office 365 E1,2,2,2,2,1,0,buyer@contoso.example,10.00,EUR,10.00");
    }
}
