package dev.licensereconciler.graph;

import dev.licensereconciler.graph.emulator.EmulatedTenant.Workload;
import dev.licensereconciler.ingest.ActivityReader;
import dev.licensereconciler.ingest.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark line of the snapshot's activity report (run on demand: {@code -Dtest=ActivityReportBenchmark},
 * {@code -Dgraph.bench.users=N}): the report of N users downloaded from the emulator into activity.csv and
 * checked as the job reads it: the time of each, against the file's size.
 */
class ActivityReportBenchmark {

    @TempDir
    Path dir;

    @Test
    void downloadAndCheckOfALargeReport() throws Exception {
        int users = Integer.getInteger("graph.bench.users", 200_000);
        try (ApplyFixture f = ApplyFixture.onH2(dir)) {
            for (int i = 0; i < users; i++) {
                String id = f.emulator.tenant().addUser(String.format("user%07d@contoso.example", i), "Member", true,
                        "NL", "Sales", "NL");
                f.emulator.tenant().active(id, Workload.EXCHANGE, LocalDate.of(2026, 1, 1).plusDays(i % 300));
            }
            GraphHttp http = new GraphHttp(f.properties());
            GraphClient graph = http.client(http.accessTokens());
            Path file = dir.resolve("activity.csv");
            long start = System.nanoTime();
            graph.report(GraphSnapshot.ACTIVE_USERS_REPORT, file);
            double download = (System.nanoTime() - start) / 1e9;
            ActivityReader.Names names;
            try (CsvFile csv = CsvFile.open(file)) {
                names = ActivityReader.names(csv);
            }
            double total = (System.nanoTime() - start) / 1e9;

            assertThat(names.named()).isEqualTo(users);
            System.out.printf("ACTIVITY BENCHMARK: %d users, activity.csv %.1f MB, downloaded in %.1f s, checked in "
                            + "%.1f s%n", users, Files.size(file) / 1e6, download, total - download);
        }
    }
}
