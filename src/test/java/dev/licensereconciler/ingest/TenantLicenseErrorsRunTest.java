package dev.licensereconciler.ingest;

import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: the tenant's own license errors, as {@code snapshot} writes them into
 * tenant-license-errors.csv, show up in errors.csv of the next nightly run, each with Entra's
 * error, the group it came through and a fix for that kind of error.
 */
class TenantLicenseErrorsRunTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static final String GRAPH_FIX = "\"Fix the cause in the Microsoft 365 admin center (Billing > Licenses, or "
            + "the group's license assignments), then take a new snapshot.\"";

    private static int run(Path job) {
        return CommandLineRuns.execute(job.getParent().resolve("db"), "run", job.toString());
    }

    private static Path runFolder(Path dir, String jobName) {
        return CommandLineRuns.lastRunFolder(dir.resolve("out"), jobName);
    }

    @Test
    void eachRowIsReportedWithEntrasErrorTheGroupAndAFix() throws IOException {
        Path job = TenantFolders.exampleJob(dir, "nightly", "");
        // The header and values GraphSnapshot writes; the UPN in another case than users.csv's.
        TenantFolders.write(dir.resolve("input").resolve(SnapshotLoader.TENANT_LICENSE_ERRORS), """
                user,sku,assignedBy,state,error,message,fix
                anna.bakker@contoso.example,ENTERPRISEPACK,Sales,Error,CountViolation,The tenant could not give anna.bakker@contoso.example ENTERPRISEPACK through group Sales: CountViolation.,%1$s
                bram.devries@contoso.example,EMS,Direct,Error,ProhibitedInUsageLocationViolation,The tenant could not give bram.devries@contoso.example EMS directly: ProhibitedInUsageLocationViolation.,%1$s
                bram.devries@contoso.example,ENTERPRISEPACK,Sales,Error,MutuallyExclusiveViolation,m,%1$s
                chris.jansen@contoso.example,ENTERPRISEPACK,Sales,Error,DependencyViolation,m,%1$s
                p.devos@contoso.example,ENTERPRISEPACK,Sales,Error,CountViolation,m,%1$s
                chris.jansen@contoso.example,COPILOT_X,Sales,Error,CountViolation,m,%1$s
                bram.devries@contoso.example,EMS,IT,Active,,m,%1$s
                """.formatted(GRAPH_FIX));

        assertThat(run(job)).as(console.err()).isEqualTo(3);

        Path run = runFolder(dir, "nightly");
        String keys = TenantFolders.errorKeys(run.resolve("errors.csv"));
        assertThat(keys).contains(
                "tenant-license-errors.csv,2,Anna.Bakker@contoso.example,ENTERPRISEPACK,TENANT_LICENSE_ERROR\n",
                "tenant-license-errors.csv,3,bram.devries@contoso.example,EMS,TENANT_LICENSE_ERROR\n",
                "tenant-license-errors.csv,4,bram.devries@contoso.example,ENTERPRISEPACK,TENANT_LICENSE_ERROR\n",
                "tenant-license-errors.csv,5,chris.jansen@contoso.example,ENTERPRISEPACK,TENANT_LICENSE_ERROR\n",
                "tenant-license-errors.csv,6,,ENTERPRISEPACK,UNKNOWN_USER\n",
                "tenant-license-errors.csv,7,chris.jansen@contoso.example,,UNKNOWN_SKU\n");
        // A path in another state than Error still gives the user the product: not an error.
        assertThat(keys).doesNotContain("tenant-license-errors.csv,8,");
        List<String> lines = Files.readAllLines(run.resolve("errors.csv"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tenant-license-errors.csv,2,")
                .contains("through group 'Sales': 'CountViolation'", "Buy more seats of ENTERPRISEPACK",
                        "reprocess group 'Sales' in Entra"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tenant-license-errors.csv,3,")
                .contains("EMS directly: 'ProhibitedInUsageLocationViolation'", "usage location",
                        "where EMS is sold", "assign the license again"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tenant-license-errors.csv,4,")
                .contains("'MutuallyExclusiveViolation'", "Turn the conflicting service plan off"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tenant-license-errors.csv,5,")
                .contains("'DependencyViolation'", "Keep or add the prerequisite plan"));
        assertThat(console.out()).contains("completed with problems to review");
    }

    @Test
    void aHeaderOnlyFileChangesNothing() throws IOException {
        Path without = TenantFolders.exampleJob(dir.resolve("without"), "nightly", "");
        Path headerOnly = TenantFolders.exampleJob(dir.resolve("header-only"), "nightly", "");
        // snapshot writes the file even when Entra has no path in state Error: the header alone.
        TenantFolders.write(dir.resolve("header-only").resolve("input").resolve(SnapshotLoader.TENANT_LICENSE_ERRORS),
                "user,sku,assignedBy,state,error,message,fix\n");

        int status = run(without);
        assertThat(run(headerOnly)).as(console.err()).isEqualTo(status);

        Path a = runFolder(dir.resolve("without"), "nightly");
        Path b = runFolder(dir.resolve("header-only"), "nightly");
        for (String file : List.of("errors.csv", "results.csv", "actions.csv", "shortfall.csv")) {
            assertThat(Files.readString(b.resolve(file))).as(file).isEqualTo(Files.readString(a.resolve(file)));
        }
    }
}
