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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's probe, end to end: a typo in the sample tenant's E3 rule row (a priority of
 * {@code abc}, or a plan no catalog knows) once planned every license the row managed for
 * removal (55 and 76 removals instead of 14). Now the row's licenses are kept, the row is reported
 * as RULE_UNREADABLE, and no removal is planned that the intact rules would not plan, on the
 * embedded database and on MySQL.
 */
class FrozenRuleRunTest {

    private static final String RULE = "LIC-M365-E3,SPE_E3,,100,";

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /** The sample tenant with its E3 rule row as given, and the nightly job's settings without mail. */
    private Path job(String name, String ruleRow) throws IOException {
        Path input = dir.resolve(name).resolve("input");
        TenantFolders.copyTree(Path.of("sample-data/contoso"), input);
        Path rules = input.resolve("group-licenses.csv");
        List<String> lines = Files.readAllLines(rules);
        assertThat(lines.get(1)).isEqualTo(RULE);
        lines.set(1, ruleRow);
        Files.write(rules, lines);
        Path job = dir.resolve(name).resolve(name + ".yml");
        Files.writeString(job, """
                name: %s
                type: reconcile
                input: %s
                catalog: builtin
                servicePlanRules: builtin
                output: %s
                batchSize: 20
                policies:
                  guests: deny
                  blockedAccounts: deny
                  defaultUsageLocation: NL
                  reclaim: none
                  maxUnassign: 500
                mail:
                  enabled: false
                """.formatted(name, input, dir.resolve("out")));
        return job;
    }

    private List<String> run(String name, String ruleRow, String... database) throws IOException {
        int status = CommandLineRuns.execute(dir.resolve("db"),
                Stream.concat(Stream.of("run", job(name, ruleRow).toString()), Stream.of(database)).toArray(String[]::new));
        assertThat(status).as(console.err()).isEqualTo(3);
        return Files.readAllLines(CommandLineRuns.lastRunFolder(dir.resolve("out"), name).resolve("results.csv"));
    }

    private static List<String> unassigned(List<String> results) {
        return results.stream().filter(l -> l.contains(",UNASSIGN,")).toList();
    }

    private void assertTheTypoFreezesTheRowAndRemovesNothingMore(String... database) throws IOException {
        List<String> intended = unassigned(run("intact", RULE, database));
        assertThat(intended).hasSize(14);
        for (String typo : List.of("LIC-M365-E3,SPE_E3,,abc,", "LIC-M365-E3,SPE_E3,NO_SUCH_PLAN,100,")) {
            String name = typo.contains("abc") ? "priority-typo" : "plan-typo";
            List<String> results = run(name, typo, database);

            assertThat(unassigned(results)).as(typo).isNotEmpty().isSubsetOf(intended);
            Path runFolder = CommandLineRuns.lastRunFolder(dir.resolve("out"), name);
            assertThat(Files.readAllLines(runFolder.resolve("errors.csv"))).as(typo)
                    .anySatisfy(l -> assertThat(l).startsWith("group-licenses.csv,2,,SPE_E3,RULE_UNREADABLE,")
                            .contains(typo.contains("abc") ? "priority 'abc' is not a whole number" : "NO_SUCH_PLAN"));
            // Willemijn holds E3 through the rule's group: kept, as with the intact rule.
            assertThat(results).as(typo).anySatisfy(l -> assertThat(l).startsWith("willemijn.brinkman@contoso.example,SPE_E3,KEEP,"));
        }
    }

    @Test
    void onTheEmbeddedDatabaseATypoInARuleRowFreezesWhatItGoverns() throws IOException {
        assertTheTypoFreezesTheRowAndRemovesNothingMore();
    }

    @Test
    void onMySqlATypoInARuleRowFreezesWhatItGoverns() throws IOException {
        assertTheTypoFreezesTheRowAndRemovesNothingMore(CommandLineRuns.mysql(MariaDb.url("frozen_rule")));
    }
}
