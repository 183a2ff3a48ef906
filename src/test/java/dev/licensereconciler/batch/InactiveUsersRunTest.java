package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.InactiveTenant;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reclaim: inactive on H2: the first run reports the inactive users' licenses (results, summary,
 * LR_NOTICE), the second removes them; a user active again keeps the license and loses the
 * notice; a run restarted after its notices were stored plans exactly what it planned before.
 */
@SpringBootTest(properties = "license-reconciler.data-dir=./target/test-db/inactive")
class InactiveUsersRunTest {

    private static final String ACTIONS_HEADER = "batch,sku,operation,disabledPlans,user\n";

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private JobExecution run(JobDefinition job) {
        try {
            return launcher.launch(job, RunLauncher.Options.defaults());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path folder(JobExecution e, Path dir, String job) {
        return dir.resolve("out").resolve(job).resolve(e.getJobParameters().getString(RunParameters.RUN_ID));
    }

    private static String read(Path folder, String file) {
        return TenantFolders.read(folder.resolve(file));
    }

    private List<Map<String, Object>> notices(String job, JobExecution e) {
        return jdbc.queryForList("SELECT USER_UPN, SKU, FIRST_RUN, RUNS, LAST_ACTIVE, REMOVED_NEXT FROM LR_NOTICE "
                + "WHERE JOB_NAME = ? AND RUN_ID = ? ORDER BY SEQ", job, e.getJobParameters().getString(RunParameters.RUN_ID));
    }

    @Test
    void firstRunGivesNoticeAndTheNextRunRemoves() {
        JobDefinition job = loader.load(InactiveTenant.write(dir, "inactive-notice", ""));

        JobExecution first = run(job);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path one = folder(first, dir, job.name());
        assertThat(read(one, "actions.csv")).isEqualTo(ACTIONS_HEADER);
        assertThat(read(one, "results.csv")).isEqualTo("""
                user,sku,outcome,code,disabledPlans
                ada@contoso.example,ENTERPRISEPACK,KEEP,INACTIVE,
                ben@contoso.example,ENTERPRISEPACK,KEEP,,
                cem@contoso.example,ENTERPRISEPACK,KEEP,INACTIVE,
                dora@contoso.example,ENTERPRISEPACK,KEEP,,
                eli@contoso.example,EMS,KEEP,INACTIVE,
                fay@contoso.example,ENTERPRISEPACK,KEEP,,
                """);
        assertThat(read(one, "shortfall.csv")).contains("\nENTERPRISEPACK,Office 365 E3,10,5,5,0,0,2,");
        String runOne = first.getJobParameters().getString(RunParameters.RUN_ID);
        assertThat(notices(job.name(), first)).extracting(r -> r.get("USER_UPN") + " " + r.get("SKU") + " "
                        + r.get("FIRST_RUN") + " " + r.get("RUNS") + " " + r.get("LAST_ACTIVE") + " " + r.get("REMOVED_NEXT"))
                .containsExactly("ada@contoso.example ENTERPRISEPACK " + runOne + " 1 2026-02-11 true",
                        "cem@contoso.example ENTERPRISEPACK " + runOne + " 1 2025-03-01 true");
        assertThat(read(one, "summary.html")).contains("Reclaimed on the next run: inactive users",
                "<td>ada@contoso.example</td><td>ENTERPRISEPACK</td><td>2026-02-11</td>",
                "<td>cem@contoso.example</td><td>ENTERPRISEPACK</td><td>2025-03-01</td>");

        JobExecution second = run(job);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path two = folder(second, dir, job.name());
        assertThat(read(two, "actions.csv")).isEqualTo(ACTIONS_HEADER
                + "1,ENTERPRISEPACK,UNASSIGN,,ada@contoso.example\n"
                + "1,ENTERPRISEPACK,UNASSIGN,,cem@contoso.example\n");
        assertThat(read(two, "results.csv")).contains("ada@contoso.example,ENTERPRISEPACK,UNASSIGN,INACTIVE,\n",
                "cem@contoso.example,ENTERPRISEPACK,UNASSIGN,INACTIVE,\n", "eli@contoso.example,EMS,KEEP,INACTIVE,\n");
        assertThat(notices(job.name(), second)).isEmpty();
        assertThat(read(two, "summary.html")).doesNotContain("Reclaimed on the next run");
    }

    @Test
    void noticeRunsTwoWaitsTwoRuns() {
        JobDefinition job = loader.load(InactiveTenant.write(dir, "inactive-two", "  noticeRuns: 2"));

        JobExecution first = run(job);
        assertThat(notices(job.name(), first)).extracting(r -> r.get("RUNS") + " " + r.get("REMOVED_NEXT"))
                .containsExactly("1 false", "1 false");
        assertThat(read(folder(first, dir, job.name()), "summary.html")).doesNotContain("Reclaimed on the next run");
        JobExecution second = run(job);
        assertThat(read(folder(second, dir, job.name()), "actions.csv")).isEqualTo(ACTIONS_HEADER);
        assertThat(notices(job.name(), second)).extracting(r -> r.get("FIRST_RUN") + " " + r.get("RUNS"))
                .containsOnly(first.getJobParameters().getString(RunParameters.RUN_ID) + " 2");
        JobExecution third = run(job);
        assertThat(read(folder(third, dir, job.name()), "actions.csv")).contains("UNASSIGN,,ada@contoso.example",
                "UNASSIGN,,cem@contoso.example");
    }

    @Test
    void aUserActiveAgainKeepsTheLicenseAndLosesTheNotice() {
        JobDefinition job = loader.load(InactiveTenant.write(dir, "inactive-back", ""));
        run(job);
        // Ada was back on Teams the day before the next report.
        Path activity = dir.resolve("input/activity.csv");
        TenantFolders.write(activity, InactiveTenant.activity().replace(
                InactiveTenant.activityRow("ada@contoso.example", "2026-01-05", "", "2026-02-11"),
                InactiveTenant.activityRow("ada@contoso.example", "2026-01-05", "", "2026-02-11", "", "", "2026-11-27")));

        JobExecution second = run(job);
        Path two = folder(second, dir, job.name());
        assertThat(read(two, "actions.csv")).isEqualTo(ACTIONS_HEADER + "1,ENTERPRISEPACK,UNASSIGN,,cem@contoso.example\n");
        assertThat(read(two, "results.csv")).contains("ada@contoso.example,ENTERPRISEPACK,KEEP,,\n");
        assertThat(notices(job.name(), second)).isEmpty();
    }

    @Test
    void aRunRestartedAfterStoringItsNoticesPlansTheSame() throws Exception {
        JobDefinition job = loader.load(InactiveTenant.write(dir, "inactive-restart", ""));
        // A file where the job's output folder should be: the run stores its rows, then cannot publish.
        Path jobOutput = dir.resolve("out").resolve(job.name());
        Files.createDirectories(jobOutput.getParent());
        Files.writeString(jobOutput, "in the way");

        JobExecution failed = run(job);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(notices(job.name(), failed)).hasSize(2);

        Files.delete(jobOutput);
        JobExecution resumed = run(job);
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobParameters().getString(RunParameters.RUN_ID))
                .isEqualTo(failed.getJobParameters().getString(RunParameters.RUN_ID));
        // Its own notices, stored before the failure, do not count as given by an earlier run.
        Path folder = folder(resumed, dir, job.name());
        assertThat(read(folder, "actions.csv")).isEqualTo(ACTIONS_HEADER);
        assertThat(read(folder, "results.csv")).contains("ada@contoso.example,ENTERPRISEPACK,KEEP,INACTIVE,\n");
        assertThat(notices(job.name(), resumed)).hasSize(2);

        JobExecution next = run(job);
        assertThat(read(folder(next, dir, job.name()), "actions.csv")).contains("UNASSIGN,,ada@contoso.example");
    }
}
