package dev.licensereconciler.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generator's tables, from {@code src/main/resources/generator/}: names, offices, departments
 * and their titles, groups, license rules, prices and renewal terms. Lines starting with '#' are comments; CSV
 * files have a header. The order of the rows matters: values are drawn by position, so reordering
 * a file changes every tenant generated from it.
 */
record GeneratorTables(List<String> firstNames, List<String> lastNames, WeightedTable<Office> offices,
                       Map<String, WeightedTable<Department>> departments, List<String> teamGroups, List<String> partners,
                       List<Rule> rules, Map<String, WeightedTable<String>> baseLicenses, Map<String, BigDecimal> prices,
                       List<String> manualOnly, Map<String, List<String>> renewals) {

    private static final String DIR = "/generator/";

    /** An office: the address and phone prefix of its users. */
    record Office(String country, String code, String city, String street, String postal, String phone, String language) {
    }

    /** A department of the office or frontline workforce; traits choose its license groups. */
    record Department(String name, Set<String> traits, List<String> titles) {
        boolean has(String trait) {
            return traits.contains(trait);
        }
    }

    /** One license rule of group-licenses.csv. */
    record Rule(String group, String sku, String disabledPlans, int priority) {
    }

    static GeneratorTables load() {
        WeightedTable.Builder<Office> offices = WeightedTable.builder();
        for (String[] row : csv("offices.csv")) {
            offices.add(new Office(row[0], row[1], row[2], row[3], row[4], row[5], row[6]), Integer.parseInt(row[7]));
        }
        Map<String, WeightedTable.Builder<Department>> departments = new LinkedHashMap<>();
        for (String[] row : csv("departments.csv")) {
            departments.computeIfAbsent(row[1], k -> WeightedTable.builder())
                    .add(new Department(row[0], Set.of(split(row[3])), List.of(split(row[4]))), Integer.parseInt(row[2]));
        }
        List<Rule> rules = new ArrayList<>();
        for (String[] row : csv("license-rules.csv")) {
            rules.add(new Rule(row[0], row[1], row[2], Integer.parseInt(row[3])));
        }
        Map<String, WeightedTable.Builder<String>> base = new LinkedHashMap<>();
        for (String[] row : csv("base-licenses.csv")) {
            base.computeIfAbsent(row[0], k -> WeightedTable.builder()).add(row[1].isEmpty() ? null : row[1],
                    Integer.parseInt(row[2]));
        }
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (String[] row : csv("prices.csv")) {
            prices.put(row[0], new BigDecimal(row[1]));
        }
        Map<String, List<String>> renewals = new LinkedHashMap<>();
        for (String[] row : csv("renewals.csv")) {
            renewals.put(row[0] + "#" + row[1], List.of(cell(row, 2), cell(row, 3), cell(row, 4), cell(row, 5)));
        }
        return new GeneratorTables(lines("first-names.txt"), lines("last-names.txt"), offices.build(), built(departments),
                lines("team-groups.txt"), lines("partners.txt"), List.copyOf(rules), built(base), prices,
                lines("manual-licenses.txt"), Map.copyOf(renewals));
    }

    /** The renewalDate, term, autoRenew and isTrial cells of a product's n-th subscription; empty when not listed. */
    List<String> renewal(String sku, int index) {
        return renewals.getOrDefault(sku + "#" + index, List.of("", "", "", ""));
    }

    private static String cell(String[] row, int i) {
        return i < row.length ? row[i] : "";
    }

    private static <T> Map<String, WeightedTable<T>> built(Map<String, WeightedTable.Builder<T>> builders) {
        Map<String, WeightedTable<T>> tables = new HashMap<>();
        builders.forEach((key, builder) -> tables.put(key, builder.build()));
        return Map.copyOf(tables);
    }

    private static String[] split(String cell) {
        return cell.isEmpty() ? new String[0] : cell.split(";");
    }

    /** The data rows of a CSV table (header and comments skipped). */
    private static List<String[]> csv(String name) {
        List<String> lines = lines(name);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(TenantGenerator.parseLine(line));
        }
        return rows;
    }

    /** The lines of a table that are not comments. */
    private static List<String> lines(String name) {
        InputStream in = GeneratorTables.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("generator table " + DIR + name + " not on the class path");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read generator table " + DIR + name + ": " + e.getMessage(), e);
        }
        return List.copyOf(lines);
    }
}
