package dev.licensereconciler.graph;

import dev.licensereconciler.batch.RunLauncher;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped nightly job on the sample tenant, then {@code apply --dry-run} through the beans
 * of {@link GraphConfiguration}: the exact requests, with no credentials configured and nothing sent.
 */
@SpringBootTest(properties = "license-reconciler.data-dir=./target/test-db/graph-dry-run")
class GraphDryRunOnSampleTenantTest {

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    GraphApply apply;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path out;

    @Test
    void showsTheRequestsOfTheSampleRunWithoutAToken() throws Exception {
        JobDefinition job = loader.load(Path.of("jobs", "nightly-reconciliation.yml")).withOutput(out);
        JobExecution execution = launcher.launch(job, new RunLauncher.Options(null, null, false, true));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        ApplyReport report = apply.apply(job, null, ApplyOptions.dryRunOnly());

        assertThat(report.exitStatus()).isZero();
        String text = Files.readString(report.file());
        assertThat(report.file().getFileName().toString()).isEqualTo("apply-requests.txt");
        assertThat(text).contains("POST https://graph.microsoft.com/v1.0/$batch");
        // stijn.maes loses five products: one request removing all five.
        assertThat(text).containsPattern("\"url\":\"/users/stijn.maes@contoso.example/assignLicense\",\"method\":\"POST\","
                + "\"body\":\\{\"addLicenses\":\\[],\"removeLicenses\":\\[(\"[0-9a-f-]{36}\",?){5}]}");
        // Every user of actions.csv is in exactly one request.
        long users = Files.readAllLines(report.file().resolveSibling("actions.csv")).stream().skip(1)
                .map(l -> l.substring(l.lastIndexOf(',') + 1).toLowerCase()).distinct().count();
        assertThat(report.requests()).isEqualTo((int) users);
        assertThat(text.split("/assignLicense\"", -1)).hasSize((int) users + 1);
        // Nothing recorded: a dry run is not an apply.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_APPLY", Integer.class)).isZero();
    }
}
