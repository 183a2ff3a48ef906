package dev.licensereconciler.ingest;

import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.TenantFolders;
import dev.licensereconciler.support.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's probe, end to end: two subscriptions of 2,147,483,647 seats once added up to a
 * capacity of -2 (int overflow) and 128 licenses "to buy". Now the second is an input error
 * naming the limit, the first one's seats are the capacity, nothing is short, and its unused
 * seats at the largest price are stored and published whole, on the embedded database and on MySQL.
 */
class SeatLimitsRunTest {

    private static final int WANTED = 128;

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private Path job() {
        return TenantFolders.staffTenantJob(dir, "seats", WANTED, """
                sku,quantity,status,channel,purchaser,unitPrice,currency
                ENTERPRISEPACK,2147483647,Enabled,Admin,buyer@contoso.example,999999999999.99,EUR
                ENTERPRISEPACK,2147483647,Enabled,Admin,buyer@contoso.example,999999999999.99,EUR
                """);
    }

    private int run(Path job, String... database) {
        return CommandLineRuns.execute(dir.resolve("db"),
                Stream.concat(Stream.of("run", job.toString()), Stream.of(database)).toArray(String[]::new));
    }

    private void assertOneSubscriptionsSeatsAreTheCapacity(int status) throws IOException {
        assertThat(status).as(console.err()).isEqualTo(3);
        assertThat(console.err()).doesNotContain("Exception");
        Path runFolder = CommandLineRuns.lastRunFolder(dir.resolve("out"), "seats");
        assertThat(Files.readAllLines(runFolder.resolve("errors.csv")))
                .anySatisfy(l -> assertThat(l).startsWith("purchases.csv,3,,ENTERPRISEPACK,INVALID_ROW,")
                        .contains("add up to 4,294,967,294", "more than the limit of 2,147,483,647 seats"));
        assertThat(Files.readAllLines(runFolder.resolve("results.csv"))).filteredOn(l -> l.contains(",ENTERPRISEPACK,ASSIGN,"))
                .hasSize(WANTED);
        // Capacity, before, after, requested, shortfall, reclaimable: every wanted license is assigned, none to buy.
        assertThat(Files.readAllLines(runFolder.resolve("shortfall.csv"))).contains(
                "ENTERPRISEPACK,Office 365 E3,2147483647,0,128,128,0,0,buyer@contoso.example,999999999999.99,EUR,0.00");
        assertThat(console.out()).contains("Shortfall: 0 licenses to buy");
        // The seats nobody holds, and a year of them at the largest price: 23 digits, stored and read back whole.
        assertThat(Files.readAllLines(runFolder.resolve("surplus.csv"))).anySatisfy(l -> assertThat(l)
                .startsWith("ENTERPRISEPACK,Office 365 E3,,Enabled,,,,false,2147483647,2147483519,2147483519,")
                .contains(",999999999999.99,EUR,,25769802227999742301977.72,CUT,"));
    }

    @Test
    void onTheEmbeddedDatabaseTheSeatsOfOneSubscriptionAreTheCapacity() throws IOException {
        assertOneSubscriptionsSeatsAreTheCapacity(run(job()));
    }

    @Test
    void onMySqlTheSeatsOfOneSubscriptionAreTheCapacity() throws IOException {
        assertOneSubscriptionsSeatsAreTheCapacity(run(job(), CommandLineRuns.mysql(MariaDb.url("seat_limits"))));
    }
}
