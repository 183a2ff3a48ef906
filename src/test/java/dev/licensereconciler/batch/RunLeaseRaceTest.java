package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of one job started at the same instant, 20 times: the lease row is the gate, so one
 * runs and the other is refused with one line naming the run, the process and the host, however
 * the two interleave. (Same properties as RunLauncherTest: the two share one application.)
 */
@SpringBootTest(properties = {"license-reconciler.data-dir=./target/test-db/restart", "license-reconciler.chunk-size=4"})
class RunLeaseRaceTest {

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void twoRunsStartedAtTheSameInstantRunOnceAndTheOtherSaysWhy() throws Exception {
        JobDefinition job = loader.load(TenantFolders.exampleJob(dir, "race", ""));
        long pid = ProcessHandle.current().pid();
        // The database outlives a test run: count this test's runs only.
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN WHERE JOB_NAME = 'race'", Integer.class);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier sameInstant = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    outcomes.add(two.submit(() -> {
                        sameInstant.await();
                        try {
                            return launcher.run(job, RunLauncher.Options.defaults()).status();
                        } catch (RunLauncher.RunStillRunningException refused) {
                            return "REFUSED " + refused.getMessage();
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(results).as("round %d", round).filteredOn("COMPLETED"::equals).hasSize(1);
                assertThat(results).as("round %d", round).filteredOn(r -> r.startsWith("REFUSED")).singleElement()
                        .satisfies(r -> assertThat(r).matches("REFUSED (Run \\d{8}-\\d{6}-\\d{3}|A run) of race is running in process "
                                + pid + " on host .+ since .+, or now with: run race --recover"));
            }
        } finally {
            two.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN WHERE JOB_NAME = 'race'", Integer.class) - before)
                .as("one run per round").isEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_RUN_LEASE WHERE JOB_NAME = 'race'", Integer.class)).isZero();
    }
}
