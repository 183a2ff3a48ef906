package dev.licensereconciler.batch;

import dev.licensereconciler.support.CommandLineRuns;
import dev.licensereconciler.support.ConsoleCapture;
import dev.licensereconciler.support.InactiveTenant;
import dev.licensereconciler.support.MariaDb;
import dev.licensereconciler.support.TenantFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reclaim: inactive through the command line: the notice run on MariaDB (the MySQL migration of
 * LR_NOTICE and its queries), and a report with concealed names failing the run with the setting
 * to change.
 */
class InactiveUsersCommandLineTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private int run(Path job, String... database) {
        return CommandLineRuns.execute(dir.resolve("db"),
                Stream.concat(Stream.of("run", job.toString()), Stream.of(database)).toArray(String[]::new));
    }

    @Test
    void onMySqlTheFirstRunGivesNoticeAndTheSecondRemoves() {
        String[] mysql = CommandLineRuns.mysql(MariaDb.url("inactive_notice"));
        Path job = InactiveTenant.write(dir, "inactive-mysql", "");

        assertThat(run(job, mysql)).as(console.err()).isZero();
        Path first = CommandLineRuns.lastRunFolder(dir.resolve("out"), "inactive-mysql");
        assertThat(TenantFolders.read(first.resolve("actions.csv"))).isEqualTo("batch,sku,operation,disabledPlans,user\n");
        assertThat(TenantFolders.read(first.resolve("results.csv"))).contains(
                "ada@contoso.example,ENTERPRISEPACK,KEEP,INACTIVE,\n", "cem@contoso.example,ENTERPRISEPACK,KEEP,INACTIVE,\n");

        assertThat(run(job, mysql)).as(console.err()).isZero();
        Path second = CommandLineRuns.lastRunFolder(dir.resolve("out"), "inactive-mysql");
        assertThat(second).isNotEqualTo(first);
        assertThat(TenantFolders.read(second.resolve("actions.csv"))).isEqualTo("batch,sku,operation,disabledPlans,user\n"
                + "1,ENTERPRISEPACK,UNASSIGN,,ada@contoso.example\n"
                + "1,ENTERPRISEPACK,UNASSIGN,,cem@contoso.example\n");
    }

    @Test
    void aReportWithConcealedNamesFailsTheRunNamingTheSetting() {
        Path job = InactiveTenant.write(dir, "inactive-concealed", "");
        TenantFolders.write(dir.resolve("input/activity.csv"), InactiveTenant.ACTIVITY_HEADER + "\n"
                + InactiveTenant.activityRow("4F8E1D4BC5A24D0CB6A6A5E3C1B9D2F7", "2026-11-01") + "\n"
                + InactiveTenant.activityRow("9B2C7E14D0A3458F8C6B1E2D3F4A5B6C") + "\n");

        assertThat(run(job)).isEqualTo(1);
        assertThat(console.err() + console.out()).contains("activity.csv line 2: the user names in this report are "
                + "concealed", "Settings > Org settings > Services > Reports");
        assertThat(dir.resolve("out/inactive-concealed")).doesNotExist();
    }
}
