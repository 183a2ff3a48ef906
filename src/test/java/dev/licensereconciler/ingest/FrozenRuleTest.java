package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.LicenseResult;
import dev.licensereconciler.domain.Outcome;
import dev.licensereconciler.domain.Policies;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.Reclaim;
import dev.licensereconciler.domain.ReconciliationResult;
import dev.licensereconciler.domain.Reconciler;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.TenantSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 12: a typo in one rule row of the sample tenant must not remove the licenses the rule
 * manages. The rule's (group, product) is frozen: its members' licenses of the product stay as they
 * are, and every other decision of the run stays what it was.
 */
class FrozenRuleTest {

    private static final Path SAMPLE = Path.of("sample-data/contoso");
    private static final String RULE = "LIC-M365-E3,SPE_E3,,100,";
    /** The nightly job's policies (jobs/nightly-reconciliation.yml). */
    private static final Policies NIGHTLY = new Policies(false, false, "NL", Reclaim.NONE, 500, 20);

    @TempDir
    Path dir;

    private final SnapshotLoader loader = new SnapshotLoader(ReferenceData.builtinCatalog(),
            ReferenceData.builtinServicePlanRules());

    @Test
    void aTypoInTheE3RulesPriorityKeepsEveryLicenseItGovernsAndRemovesNothingElse() throws IOException {
        Path intact = copy("intact", RULE);
        Path typo = copy("typo", "LIC-M365-E3,SPE_E3,,1OO,");
        Path dropped = copy("dropped", null);

        LoadedSnapshot typoTenant = loader.load(typo);
        ReconciliationResult withTypo = reconcile(typoTenant);
        ReconciliationResult asIntended = reconcile(loader.load(intact));
        ReconciliationResult withoutTheRow = reconcile(loader.load(dropped));

        TenantSnapshot s = typoTenant.snapshot();
        Set<String> members = new HashSet<>();
        for (int u : s.membersOf("LIC-M365-E3")) {
            members.add(s.upn(u).toLowerCase());
        }
        assertThat(members).hasSizeGreaterThan(20);

        // Without the row, the licenses held through the group's path are inherited (no rule of the job names the
        // group for E3, RULES.md R3a) and kept too; what the freeze adds is that nobody is assigned or updated.
        assertThat(unassigned(withoutTheRow)).noneMatch(k -> governed(k, members));
        // Frozen: none of the group's members loses Microsoft 365 E3, and all other removals are those of the
        // intended rules.
        assertThat(unassigned(withTypo)).noneMatch(k -> governed(k, members));
        assertThat(unassigned(withTypo)).isEqualTo(unassigned(asIntended).stream()
                .filter(k -> !governed(k, members)).collect(Collectors.toSet()));
        // Nothing about a governed license changes: held ones are kept, none is assigned or updated.
        assertThat(withTypo.results()).filteredOn(r -> governed(key(r), members))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.KEEP));
        assertThat(withTypo.actions()).noneMatch(a -> a.sku().equals("SPE_E3")
                && a.users().stream().anyMatch(u -> members.contains(u.toLowerCase())));
        // Other decisions differ only where the frozen licenses reach: E3 seats the group's new joiners do not
        // take go to others, and a member's add-on that needs the E3 it does not get waits.
        Set<String> differing = new HashSet<>(changes(withTypo, members));
        differing.addAll(changes(asIntended, members));
        Set<String> same = new HashSet<>(changes(withTypo, members));
        same.retainAll(changes(asIntended, members));
        differing.removeAll(same);
        assertThat(same).hasSizeGreaterThan(300);
        assertThat(differing).isNotEmpty().allSatisfy(row -> assertThat(row.contains("|SPE_E3|")
                || members.contains(row.substring(0, row.indexOf('|')))).as(row).isTrue());

        assertThat(typoTenant.problems()).filteredOn(p -> p.code() == ErrorCode.RULE_UNREADABLE)
                .extracting(Problem::file, Problem::line, Problem::sku)
                .containsExactly(tuple("group-licenses.csv", 2, "SPE_E3"));
    }

    @Test
    void aFrozenLicenseIsNeitherAssignedByAnotherRuleNorReclaimed() {
        TestFiles.utf8(dir, "users.csv", """
                userPrincipalName,usageLocation,accountEnabled
                anna@contoso.example,NL,true
                bram@contoso.example,NL,false
                carla@contoso.example,NL,true
                """);
        TestFiles.utf8(dir, "purchases.csv", "sku,quantity\nENTERPRISEPACK,5\n");
        TestFiles.utf8(dir, "group-memberships.csv", """
                group,member
                Sales,anna@contoso.example
                Sales,bram@contoso.example
                IT,anna@contoso.example
                IT,carla@contoso.example
                """);
        TestFiles.utf8(dir, "group-licenses.csv", "group,sku,disabledPlans\nSales,ENTERPRISEPACK,SWAYY\nIT,ENTERPRISEPACK,\n");
        TestFiles.utf8(dir, "assignments.csv", "user,sku,disabledPlans,assignedBy\nbram@contoso.example,ENTERPRISEPACK,,Sales\n");
        LoadedSnapshot loaded = new SnapshotLoader(TestFiles.catalog(), ServicePlanRules.none()).load(dir);

        ReconciliationResult result = new Reconciler(new Policies(false, false, "", Reclaim.ALL, 500, 20))
                .reconcile(loaded.snapshot());

        // Anna is in the frozen Sales rule: IT's rule does not assign her E3 this run. Bram is blocked and
        // reclaim is all, yet his frozen E3 stays. Carla, only in IT, gets hers.
        assertThat(result.results()).extracting(LicenseResult::user, LicenseResult::sku, LicenseResult::outcome,
                        LicenseResult::code)
                .containsExactly(tuple("bram@contoso.example", "ENTERPRISEPACK", Outcome.KEEP, ErrorCode.ACCOUNT_BLOCKED),
                        tuple("carla@contoso.example", "ENTERPRISEPACK", Outcome.ASSIGN, null));
        assertThat(result.unassignCount()).isZero();
    }

    private Path copy(String name, String ruleRow) throws IOException {
        Path target = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(SAMPLE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        Path rules = target.resolve("group-licenses.csv");
        List<String> lines = Files.readAllLines(rules);
        assertThat(lines.get(1)).isEqualTo(RULE);
        if (ruleRow == null) {
            lines.remove(1);
        } else {
            lines.set(1, ruleRow);
        }
        Files.write(rules, lines);
        return target;
    }

    private static ReconciliationResult reconcile(LoadedSnapshot loaded) {
        return new Reconciler(NIGHTLY).reconcile(loaded.snapshot());
    }

    private static Set<String> unassigned(ReconciliationResult result) {
        return result.results().stream().filter(r -> r.outcome() == Outcome.UNASSIGN).map(FrozenRuleTest::key)
                .collect(Collectors.toSet());
    }

    /** Every result row not about a governed license: user, product, outcome, code and plans. */
    private static Set<String> changes(ReconciliationResult result, Set<String> members) {
        return result.results().stream().filter(r -> !governed(key(r), members))
                .map(r -> key(r) + "|" + r.outcome() + "|" + r.code() + "|" + r.disabledPlans())
                .collect(Collectors.toSet());
    }

    private static String key(LicenseResult r) {
        return r.user().toLowerCase() + "|" + r.sku();
    }

    private static boolean governed(String key, Set<String> members) {
        int bar = key.indexOf('|');
        return key.substring(bar + 1).equals("SPE_E3") && members.contains(key.substring(0, bar));
    }
}
