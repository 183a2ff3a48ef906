package dev.licensereconciler.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.opencsv.CSVReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantGeneratorTest {

    static final List<String> FILES = List.of("users.csv", "group-memberships.csv", "group-licenses.csv",
            "assignments.csv", "purchases.csv");

    @TempDir
    Path tmp;

    static List<String[]> read(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (Reader r = new StringReader(text); CSVReader csv = new CSVReader(r)) {
            return csv.readAll();
        }
    }

    static Set<String> catalogSkus() {
        Set<String> skus = new HashSet<>();
        for (String[] row : TenantGenerator.readCatalog()) {
            skus.add(row[1].trim());
        }
        return skus;
    }

    static Map<String, Set<String>> catalogPlans() {
        Map<String, Set<String>> plans = new HashMap<>();
        for (String[] row : TenantGenerator.readCatalog()) {
            plans.computeIfAbsent(row[1].trim(), k -> new HashSet<>()).add(row[3].trim());
        }
        return plans;
    }

    @Test
    void writesTheFilesWithTheExpectedHeadersAndFormats() throws Exception {
        TenantGenerator.Stats stats = new TenantGenerator(7).write(tmp, 2_000);
        byte[] users = Files.readAllBytes(tmp.resolve("users.csv"));
        assertThat(Arrays.copyOf(users, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String usersText = new String(users, StandardCharsets.UTF_8);
        assertThat(usersText).contains("\r\n");
        assertThat(usersText.replace("\r\n", "")).doesNotContain("\n");

        List<String[]> u = read(tmp.resolve("users.csv"));
        assertThat(String.join(",", u.get(0))).isEqualTo(TenantGenerator.USERS_HEADER);
        assertThat(u.get(0)).hasSize(31);
        List<String> sorted = new ArrayList<>(Arrays.asList(u.get(0)));
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertThat(u.get(0)).containsExactlyElementsOf(sorted); // the export's alphabetical order
        assertThat(u).hasSize(2_001);
        assertThat(u).allSatisfy(row -> assertThat(row).hasSize(31));
        assertThat(String.join(",", read(tmp.resolve("group-memberships.csv")).get(0)))
                .isEqualTo(TenantGenerator.MEMBERSHIPS_HEADER);
        assertThat(String.join(",", read(tmp.resolve("group-licenses.csv")).get(0)))
                .isEqualTo(TenantGenerator.GROUP_LICENSES_HEADER);
        assertThat(String.join(",", read(tmp.resolve("assignments.csv")).get(0)))
                .isEqualTo(TenantGenerator.ASSIGNMENTS_HEADER);
        assertThat(String.join(",", read(tmp.resolve("purchases.csv")).get(0)))
                .isEqualTo(TenantGenerator.PURCHASES_HEADER);
        assertThat(stats.users()).isEqualTo(2_000);
    }

    @Test
    void isDeterministicForASeed() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        new TenantGenerator(123).write(a, 1_500);
        new TenantGenerator(123).write(b, 1_500);
        new TenantGenerator(124).write(c, 1_500);
        for (String f : FILES) {
            assertThat(digest(a.resolve(f))).as(f).isEqualTo(digest(b.resolve(f)));
        }
        assertThat(digest(a.resolve("users.csv"))).isNotEqualTo(digest(c.resolve("users.csv")));
    }

    /**
     * The files of seed 7, 20,000 users, as the generator wrote them before its tables became
     * resources: benchmarks and tenants generated once must stay comparable, so a change to a table or
     * to the order of the draws shows here.
     */
    @Test
    void aSeedGivesTheSameFilesAsEver() throws Exception {
        new TenantGenerator(7).write(tmp, 20_000);

        assertThat(Map.of("users.csv", digest(tmp.resolve("users.csv")),
                "group-memberships.csv", digest(tmp.resolve("group-memberships.csv")),
                "group-licenses.csv", digest(tmp.resolve("group-licenses.csv")),
                "assignments.csv", digest(tmp.resolve("assignments.csv")),
                "purchases.csv", digest(tmp.resolve("purchases.csv")))).isEqualTo(Map.of(
                "users.csv", "cd8a35bebf4e0364036c4f16cef6b4cd13d9b6d0fbc6f2f863c91c9ad4666a80",
                "group-memberships.csv", "aaa4469ea0025378c828ac77fc4814f81e71a984d0d48ece95f56553b4fe715e",
                "group-licenses.csv", "0067f7c71442e2f8efff1d0412ea732ddf1c7a2b0ab2dedd8f5b9aff153b08ab",
                "assignments.csv", "d774b259908e065a2bff2f2116c2a1d72bb8a2a2a0b49cad3a6a64e7834bde71",
                // Since issue 13 with the renewal columns (generator/renewals.csv); the other files are as ever.
                "purchases.csv", "a8a26f20353d87eecf89cc1ffa55296749befc19c4bbfe97b89dfb4e30b00b48"));
    }

    @Test
    void proportionsAreRealistic() throws Exception {
        int n = 20_000;
        TenantGenerator.Stats s = new TenantGenerator(1).write(tmp, n);
        assertThat(s.guests()).isBetween(n / 100, n * 3 / 100);
        assertThat(s.blocked()).isBetween(n * 2 / 100, n * 4 / 100);
        assertThat(s.noUsageLocation()).isBetween(n / 200, n * 3 / 100);
        assertThat((double) s.memberships() / n).isBetween(4.0, 6.5);
        assertThat((double) s.assignments() / n).isBetween(1.5, 2.5);

        List<String[]> users = read(tmp.resolve("users.csv"));
        int upn = Arrays.asList(users.get(0)).indexOf("User principal name");
        int block = Arrays.asList(users.get(0)).indexOf("Block credential");
        int licenses = Arrays.asList(users.get(0)).indexOf("Licenses");
        Set<String> upns = new HashSet<>();
        int ext = 0;
        int blockedRows = 0;
        int unlicensed = 0;
        for (String[] row : users.subList(1, users.size())) {
            assertThat(upns.add(row[upn].toLowerCase())).as("unique UPN %s", row[upn]).isTrue();
            ext += row[upn].contains("#EXT#") ? 1 : 0;
            blockedRows += row[block].equals("True") ? 1 : 0;
            unlicensed += row[licenses].equals("Unlicensed") ? 1 : 0;
        }
        assertThat(ext).isEqualTo(s.guests());
        assertThat(blockedRows).isEqualTo(s.blocked());
        assertThat(unlicensed).isBetween(n / 50, n / 5);

        Set<String> groups = new HashSet<>();
        for (String[] row : read(tmp.resolve("group-memberships.csv")).subList(1, (int) s.memberships() + 1)) {
            groups.add(row[0]);
            if (row[2].equals("User")) {
                // Set.contains: AssertJ's contains() would scan the whole set for every membership.
                assertThat(upns.contains(row[1].toLowerCase())).as("member %s is a user", row[1]).isTrue();
            }
        }
        assertThat(groups.size()).isGreaterThanOrEqualTo(50);

        // some products are short of seats
        Map<String, Integer> capacity = new HashMap<>();
        for (String[] row : skip(read(tmp.resolve("purchases.csv")))) {
            if (row[3].equals("Admin") && (row[2].equals("Enabled") || row[2].equals("Warning"))) {
                capacity.merge(row[0], Integer.parseInt(row[1]), Integer::sum);
            }
        }
        long shortProducts = s.wanted().entrySet().stream()
                .filter(e -> capacity.containsKey(e.getKey()) && capacity.get(e.getKey()) < e.getValue()).count();
        assertThat(shortProducts).isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyReferencedSkuAndPlanIsInTheBuiltInCatalog() throws Exception {
        new TenantGenerator(99).write(tmp, 5_000);
        Set<String> skus = catalogSkus();
        Map<String, Set<String>> plans = catalogPlans();
        Map<String, String> names = TenantGenerator.loadCatalogDisplayNames();
        for (String[] row : skip(read(tmp.resolve("group-licenses.csv")))) {
            assertThat(skus).contains(row[1]);
            assertDisabledPlansExist(plans, row[1], row[2]);
        }
        for (String[] row : skip(read(tmp.resolve("assignments.csv")))) {
            assertThat(skus).contains(row[1]);
            assertDisabledPlansExist(plans, row[1], row[2]);
        }
        for (String[] row : skip(read(tmp.resolve("purchases.csv")))) {
            assertThat(skus).contains(row[0]);
        }
        List<String[]> users = read(tmp.resolve("users.csv"));
        int lic = Arrays.asList(users.get(0)).indexOf("Licenses");
        Set<String> displayNames = new HashSet<>(names.values());
        for (String[] row : skip(users)) {
            if (!row[lic].equals("Unlicensed")) {
                assertThat(splitLicenses(row[lic], displayNames)).as(row[lic]).isNotNull();
            }
        }
    }

    @Test
    void builtInServicePlanRulesNameOnlyCatalogPlans() throws Exception {
        Set<String> all = new HashSet<>();
        catalogPlans().values().forEach(all::addAll);
        List<String[]> rules = read(Path.of("src/main/resources/reference/service-plan-rules.csv"));
        assertThat(rules.get(0)).containsExactly("plan", "relation", "other");
        for (String[] r : skip(rules)) {
            assertThat(r[1]).isIn("CONFLICTS_WITH", "REQUIRES");
            assertThat(all).contains(r[0]);
            for (String other : r[2].split("\\|")) {
                assertThat(all).contains(other);
            }
        }
    }

    @Test
    void hundredThousandUsers() throws Exception {
        long t0 = System.nanoTime();
        TenantGenerator.Stats s = new TenantGenerator(2026).write(tmp, 100_000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("TenantGenerator: 100,000 users, %d memberships, %d assignments in %d ms%n",
                s.memberships(), s.assignments(), ms);
        try (var lines = Files.lines(tmp.resolve("users.csv"), StandardCharsets.UTF_8)) {
            assertThat(lines.count()).isEqualTo(100_001);
        }
    }

    /**
     * Splits a Licenses cell into catalog display names. Names may contain '+' themselves
     * ("Enterprise Mobility + Security E3"), so the longest known name is taken at each step.
     * Null when some part is not a known name.
     */
    static List<String> splitLicenses(String cell, Set<String> names) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos < cell.length()) {
            String best = null;
            for (String n : names) {
                if (cell.startsWith(n, pos) && (pos + n.length() == cell.length() || cell.charAt(pos + n.length()) == '+')
                        && (best == null || n.length() > best.length())) {
                    best = n;
                }
            }
            if (best == null) {
                return null;
            }
            out.add(best);
            pos += best.length() + 1;
        }
        return out;
    }

    private static void assertDisabledPlansExist(Map<String, Set<String>> plans, String sku, String disabled) {
        if (disabled.isEmpty()) {
            return;
        }
        for (String p : disabled.split(";")) {
            assertThat(plans.get(sku)).as("plan %s of %s", p, sku).contains(p);
        }
    }

    private static List<String[]> skip(List<String[]> rows) {
        return rows.subList(1, rows.size());
    }

    private static String digest(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
