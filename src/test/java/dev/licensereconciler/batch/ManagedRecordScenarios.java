package dev.licensereconciler.batch;

import dev.licensereconciler.job.JobFileLoader;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's own record of the licenses it manages (R3), over several runs of one job on exports
 * that show every license as Direct, as a tenant does after the job's plan was carried out. Run on
 * H2 ({@link ManagedRecordOnH2Test}) and MariaDB ({@link ManagedRecordOnMySqlTest}).
 */
abstract class ManagedRecordScenarios {

    private static final String USERS = """
            userPrincipalName,id,usageLocation,accountEnabled
            ada@contoso.example,0b3f6a4e-1c9d-4c55-9b0e-6f1d2a3b4c01,NL,true
            bo@contoso.example,0b3f6a4e-1c9d-4c55-9b0e-6f1d2a3b4c02,NL,true
            cy@contoso.example,0b3f6a4e-1c9d-4c55-9b0e-6f1d2a3b4c03,NL,true
            """;

    @Autowired
    RunLauncher launcher;
    @Autowired
    JobFileLoader loader;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private String job;

    @Test
    void aLicenseAdoptedOrAssignedOnOneRunAndExportedAsDirectOnTheNextIsRemovedWhenItsUserLeavesTheGroup() throws Exception {
        job = "record-" + Long.toHexString(System.nanoTime());
        // Run 1: Ada holds E3 by hand (adopted: a rule entitles her), Bo is assigned, Cy holds E3 by hand
        // and no rule entitles him (manual: kept).
        String run1 = run("""
                group,member
                LIC-E3,ada@contoso.example
                LIC-E3,bo@contoso.example
                """, """
                user,sku,assignedBy
                ada@contoso.example,ENTERPRISEPACK,Direct
                cy@contoso.example,ENTERPRISEPACK,Direct
                """);
        assertThat(outcomes(run1)).isEqualTo(Map.of("ada@contoso.example", "KEEP", "bo@contoso.example", "ASSIGN",
                "cy@contoso.example", "KEEP"));
        assertThat(record()).containsExactlyInAnyOrder("0b3f6a4e-1c9d-4c55-9b0e-6f1d2a3b4c01",
                "0b3f6a4e-1c9d-4c55-9b0e-6f1d2a3b4c02");

        // Run 2: the plan was carried out (Bo's license comes back as Direct); Ada and Bo left the group.
        String run2 = run("""
                group,member
                LIC-E3,nobody@contoso.example
                """, """
                user,sku,assignedBy
                ada@contoso.example,ENTERPRISEPACK,Direct
                bo@contoso.example,ENTERPRISEPACK,Direct
                cy@contoso.example,ENTERPRISEPACK,Direct
                """);
        assertThat(outcomes(run2)).isEqualTo(Map.of("ada@contoso.example", "UNASSIGN", "bo@contoso.example", "UNASSIGN",
                "cy@contoso.example", "KEEP"));
        assertThat(record()).isEmpty();

        // A run resumed after publishing recomputes its plan from the record as it was at its start.
        ComputedRun again = new TenantRunComputer(new ManagedLicenseRecord(jdbc)).compute(loader.load(jobFile()), run2);
        assertThat(again.result().results()).extracting(r -> r.user() + " " + r.outcome())
                .containsExactly("ada@contoso.example UNASSIGN", "bo@contoso.example UNASSIGN", "cy@contoso.example KEEP");

        // Run 3: Bo is back in the group and no longer holds E3 (the removal was carried out): assigned again.
        String run3 = run("""
                group,member
                LIC-E3,bo@contoso.example
                """, """
                user,sku,assignedBy
                cy@contoso.example,ENTERPRISEPACK,Direct
                """);
        assertThat(outcomes(run3)).isEqualTo(Map.of("bo@contoso.example", "ASSIGN", "cy@contoso.example", "KEEP"));
        assertThat(record()).containsExactly("0b3f6a4e-1c9d-4c55-9b0e-6f1d2a3b4c02");
        // Entries ended by run 2 are gone once run 3 has published.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM LR_MANAGED WHERE JOB_NAME = ?", Integer.class, job)).isEqualTo(1);
    }

    @Test
    void aPlanNotYetCarriedOutIsPlannedAgainAndTheRecordStaysAsItWas() throws Exception {
        job = "record-" + Long.toHexString(System.nanoTime());
        String memberships = "group,member\nLIC-E3,ada@contoso.example\nLIC-E3,bo@contoso.example\n";
        String assignments = "user,sku,assignedBy\nada@contoso.example,ENTERPRISEPACK,Direct\n";

        String first = run(memberships, assignments);
        List<String> recorded = record();
        String second = run(memberships, assignments);

        assertThat(second).isNotEqualTo(first);
        assertThat(outcomes(second)).isEqualTo(outcomes(first))
                .isEqualTo(Map.of("ada@contoso.example", "KEEP", "bo@contoso.example", "ASSIGN"));
        assertThat(record()).containsExactlyInAnyOrderElementsOf(recorded).hasSize(2);
    }

    private String run(String memberships, String assignments) throws Exception {
        Path input = dir.resolve("input");
        TenantFolders.write(input.resolve("users.csv"), USERS);
        TenantFolders.write(input.resolve("purchases.csv"), "sku,quantity\nENTERPRISEPACK,10\n");
        TenantFolders.write(input.resolve("group-licenses.csv"), "group,sku\nLIC-E3,ENTERPRISEPACK\n");
        TenantFolders.write(input.resolve("group-memberships.csv"), memberships);
        TenantFolders.write(input.resolve("assignments.csv"), assignments);
        Path jobFile = jobFile();
        TenantFolders.write(jobFile, """
                name: %s
                input: %s
                output: %s
                policies: {defaultUsageLocation: NL, reclaim: none, maxUnassign: 500}
                mail: {enabled: false}
                """.formatted(job, input, dir.resolve("out")));
        JobExecution execution = launcher.launch(loader.load(jobFile), RunLauncher.Options.defaults());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return execution.getJobParameters().getString(RunParameters.RUN_ID);
    }

    private Path jobFile() {
        return dir.resolve(job + ".yml");
    }

    private Map<String, String> outcomes(String runId) {
        Map<String, String> byUser = new TreeMap<>();
        jdbc.query("SELECT USER_UPN, OUTCOME FROM LR_RESULT WHERE JOB_NAME = ? AND RUN_ID = ? AND SKU = 'ENTERPRISEPACK'",
                rs -> {
                    byUser.put(rs.getString(1), rs.getString(2));
                }, job, runId);
        return byUser;
    }

    /** The users the record has as managed now. */
    private List<String> record() {
        return jdbc.queryForList("SELECT USER_KEY FROM LR_MANAGED WHERE JOB_NAME = ? AND UNTIL_RUN IS NULL",
                String.class, job);
    }
}
