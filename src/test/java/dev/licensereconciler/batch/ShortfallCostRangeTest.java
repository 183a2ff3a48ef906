package dev.licensereconciler.batch;

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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest unit price ingest accepts times a shortfall of hundreds of licenses is a cost that
 * must fit LR_SHORTFALL (it once overflowed DECIMAL(16,2) and failed the store step after the
 * rest was stored), on the embedded database and on MySQL.
 */
class ShortfallCostRangeTest {

    private static final int WANTED = 250;

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private Path job() {
        return TenantFolders.staffTenantJob(dir, "costly", WANTED, """
                sku,quantity,status,channel,purchaser,unitPrice,currency
                ENTERPRISEPACK,0,Enabled,Admin,buyer@contoso.example,999999999999.99,EUR
                """);
    }

    private int run(Path job, String... database) {
        return CommandLineRuns.execute(dir.resolve("db"),
                Stream.concat(Stream.of("run", job.toString()), Stream.of(database)).toArray(String[]::new));
    }

    private void assertPublishedWithTheWholeCost(int status) throws IOException {
        assertThat(status).as(console.err()).isEqualTo(3);
        assertThat(console.out()).contains("Shortfall: " + WANTED + " licenses to buy");
        Path runFolder = CommandLineRuns.lastRunFolder(dir.resolve("out"), "costly");
        List<String> shortfall = Files.readAllLines(runFolder.resolve("shortfall.csv"));
        assertThat(shortfall).anySatisfy(l -> assertThat(l).startsWith("ENTERPRISEPACK,")
                .endsWith(",999999999999.99,EUR,249999999999997.50"));
    }

    @Test
    void onTheEmbeddedDatabaseTheCostIsStoredWhole() throws IOException {
        assertPublishedWithTheWholeCost(run(job()));
    }

    @Test
    void onMySqlTheCostIsStoredWhole() throws IOException {
        String url = MariaDb.url("shortfall_cost");
        assertPublishedWithTheWholeCost(run(job(), CommandLineRuns.mysql(url)));
    }
}
