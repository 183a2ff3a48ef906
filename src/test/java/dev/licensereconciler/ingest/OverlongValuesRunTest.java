package dev.licensereconciler.ingest;

import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.MariaDb;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's probe, end to end: the worked example with the values that made a store step fail
 * ("Unable to process chunk", exit 1, nothing published). Now the run completes with problems
 * (exit 3), publishes, and errors.csv names each bad row, on the embedded database and on MySQL.
 */
class OverlongValuesRunTest {

    private static final String LONG_UPN = "a".repeat(988) + "@contoso.com";

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private Path job() throws IOException {
        Path job = TenantFolders.exampleJob(dir, "overlong", "");
        Path input = dir.resolve("input");
        Files.writeString(input.resolve("users.csv"), LONG_UPN + ",Long Name,Member,true,NL,Sales\n",
                StandardOpenOption.APPEND);
        Files.writeString(input.resolve("group-memberships.csv"), "Sales," + LONG_UPN + ",User\n",
                StandardOpenOption.APPEND);
        Files.writeString(input.resolve("purchases.csv"), """
                sku,quantity,status,channel,purchaser,unitPrice,currency
                EMS,1,Enabled,Admin,security@contoso.example,1e999999999,EUR
                ENTERPRISEPACK,4,Enabled,Admin,buyer@contoso.example,123456789012345.99,EUR
                ENTERPRISEPACK,4,Enabled,Admin,buyer@contoso.example,36.00,EUR
                ENTERPRISEPACK,1,Suspended,Admin,buyer@contoso.example,36.00,EUR
                EMS,1,Enabled,Admin,security@contoso.example,10.60,EUR
                DESKLESSPACK,10,Warning,Admin,,8.00,EURO-DOLLARS
                DESKLESSPACK,10,Warning,Admin,,8.00,EUR
                POWER_BI_PRO,5,Enabled,SelfService,jan.dekker@contoso.example,14.00,EUR
                MCOMEETADV,5,Enabled,Admin,buyer@contoso.example,4.00,EUR
                STANDARDPACK,2,Enabled,Admin,buyer@contoso.example,10.00,EUR
                """);
        return job;
    }

    private int run(Path job, String... database) {
        return CommandLineRuns.execute(dir.resolve("db"),
                Stream.concat(Stream.of("run", job.toString()), Stream.of(database)).toArray(String[]::new));
    }

    private List<String> errorsCsv() throws IOException {
        Path runFolder = CommandLineRuns.lastRunFolder(dir.resolve("out"), "overlong");
        return Files.readAllLines(runFolder.resolve("errors.csv"));
    }

    private void assertPublishedWithTheBadRowsReported(int status) throws IOException {
        assertThat(status).as(console.err()).isEqualTo(3);
        assertThat(console.err()).doesNotContain("Unable to process chunk").doesNotContain("FAILED");
        assertThat(console.out()).contains("completed with problems to review");
        List<String> errors = errorsCsv();
        assertThat(errors).anySatisfy(l -> assertThat(l).startsWith("users.csv,12,,,INVALID_ROW,")
                .contains("'User principal name'", "1,000 characters", "113 characters"));
        assertThat(errors).anySatisfy(l -> assertThat(l).startsWith("purchases.csv,2,,EMS,INVALID_ROW,")
                .contains("exponent form"));
        assertThat(errors).anySatisfy(l -> assertThat(l).startsWith("purchases.csv,3,,ENTERPRISEPACK,INVALID_ROW,")
                .contains("15 digits before the decimal mark"));
        assertThat(errors).anySatisfy(l -> assertThat(l).startsWith("purchases.csv,7,,DESKLESSPACK,INVALID_ROW,")
                .contains("column 'currency'", "10 characters"));
        // The member row naming the skipped user quotes it cut short, not as 1,000 characters.
        assertThat(errors).anySatisfy(l -> assertThat(l).startsWith("group-memberships.csv,17,,,UNKNOWN_USER,")
                .contains("(1,000 characters)").doesNotContain("a".repeat(100)));
    }

    @Test
    void onTheEmbeddedDatabaseTheRunPublishesAndReportsEachBadRow() throws IOException {
        assertPublishedWithTheBadRowsReported(run(job()));
    }

    @Test
    void onMySqlTheRunPublishesAndReportsEachBadRow() throws IOException {
        String url = MariaDb.url("overlong_values");
        assertPublishedWithTheBadRowsReported(run(job(), CommandLineRuns.mysql(url)));
    }
}
