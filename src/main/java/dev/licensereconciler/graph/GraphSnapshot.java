package dev.licensereconciler.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.licensereconciler.ingest.Column;
import dev.licensereconciler.ingest.CsvFile;
import dev.licensereconciler.ingest.CsvRecord;
import dev.licensereconciler.ingest.InputFileException;
import dev.licensereconciler.job.JobDefinition;
import dev.licensereconciler.report.CsvRowWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads the tenant from Microsoft Graph into a tenant folder in the product's own formats (§3):
 * users.csv (Entra columns), assignments.csv (every license with its disabled plans and path),
 * group-memberships.csv (direct members of the groups the job's rules name), purchases.csv (the
 * subscribed SKUs that apply to users), plus tenant-group-licenses.csv (the groups the tenant
 * itself licenses, so that an apply leaves their paths to Entra), tenant-license-errors.csv (paths
 * in state Error) and snapshot.properties (when it was taken). The job's group-licenses.csv (its
 * rules) and the purchasers and prices of its purchases.csv are the admin's, not the tenant's, and
 * are carried over. Files are written aside and moved into place, so a failed read leaves the
 * previous snapshot whole.
 *
 * <p>Entry point: {@link #snapshot(JobDefinition, Path)}.
 */
public final class GraphSnapshot {

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final String USER_SELECT = "id,userPrincipalName,displayName,userType,accountEnabled,usageLocation,"
            + "department,country,assignedLicenses,licenseAssignmentStates";

    private final Supplier<GraphClient> client;
    private final PrintStream out;

    public GraphSnapshot(Supplier<GraphClient> client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    private record Sku(String partNumber, Map<String, String> planNames) {
    }

    private record Rule(String group, String id) {
    }

    /** Reads the tenant into {@code outputDir} (the job's input folder when null). */
    public SnapshotReport snapshot(JobDefinition job, Path outputDir) {
        Path folder = outputDir != null ? outputDir : job.input();
        Instant takenAt = Instant.now();
        try {
            GraphClient graph = client.get();
            Files.createDirectories(folder);
            Path temp = Files.createTempDirectory(folder, ".snapshot-");
            Map<String, Sku> skus = new LinkedHashMap<>();
            int skuRows = writePurchases(graph, job, temp, skus);
            List<Rule> rules = ruleGroups(graph, job);
            Map<String, String> groupNames = new LinkedHashMap<>();
            rules.forEach(r -> groupNames.put(r.id(), r.group()));
            int members = writeMemberships(graph, temp, rules);
            int[] counts = writeUsers(graph, temp, skus, groupNames);
            for (String name : List.of("group-licenses.csv")) {
                Path rulesFile = job.input() == null ? null : job.input().resolve(name);
                if (rulesFile != null && Files.exists(rulesFile) && !rulesFile.getParent().equals(folder)) {
                    Files.copy(rulesFile, temp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            SnapshotInfo.write(temp, takenAt, graph.baseUrl(), "");
            try (var files = Files.list(temp)) {
                for (Path f : files.toList()) {
                    Files.move(f, folder.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.delete(temp);
            SnapshotReport report = new SnapshotReport(0, folder, counts[0], counts[1], rules.size(), members, skuRows,
                    counts[2], null);
            out.printf("%s: tenant snapshot written to %s%n  %d users, %d licenses, %d members of %d rule groups, %d "
                            + "subscriptions%s%n", job.name(), folder, report.users(), report.licenses(), members,
                    rules.size(), skuRows, counts[2] == 0 ? "" : "; " + counts[2] + " license paths in state Error "
                            + "(tenant-license-errors.csv)");
            return report;
        } catch (GraphException e) {
            String message = job.name() + ": snapshot failed, nothing was written over " + folder + ": " + e.getMessage();
            out.println(message);
            return new SnapshotReport(1, folder, 0, 0, 0, 0, 0, 0, message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot into " + folder, e);
        }
    }

    private int writePurchases(GraphClient graph, JobDefinition job, Path temp, Map<String, Sku> skus) throws IOException {
        Map<String, String[]> own = ownPurchases(job);
        int rows = 0;
        try (CsvRowWriter w = CsvRowWriter.create(temp.resolve("purchases.csv"))) {
            // consumedUnits is Graph's count of seats in use; the reconciler counts its own and ignores the column.
            w.row("sku", "quantity", "status", "channel", "purchaser", "unitPrice", "currency", "consumedUnits");
            for (JsonElement e : graph.get("/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,appliesTo,"
                    + "prepaidUnits,consumedUnits,servicePlans").getAsJsonArray("value")) {
                JsonObject s = e.getAsJsonObject();
                String part = GraphJson.string(s, "skuPartNumber");
                Map<String, String> plans = new LinkedHashMap<>();
                JsonElement sp = s.get("servicePlans");
                if (sp != null && sp.isJsonArray()) {
                    for (JsonElement p : sp.getAsJsonArray()) {
                        JsonObject plan = p.getAsJsonObject();
                        plans.put(GraphJson.string(plan, "servicePlanId").toLowerCase(Locale.ROOT),
                                GraphJson.string(plan, "servicePlanName"));
                    }
                }
                skus.put(GraphJson.string(s, "skuId").toLowerCase(Locale.ROOT), new Sku(part, plans));
                // Only products that apply to users can be assigned to one (a Company SKU is tenant-wide).
                if (!"User".equalsIgnoreCase(GraphJson.string(s, "appliesTo"))) {
                    continue;
                }
                JsonObject prepaid = s.getAsJsonObject("prepaidUnits");
                int enabled = prepaid == null || !prepaid.has("enabled") ? 0 : prepaid.get("enabled").getAsInt();
                String[] o = own.getOrDefault(part.toLowerCase(Locale.ROOT), new String[] {"", "", ""});
                w.row(part, Integer.toString(enabled), GraphJson.string(s, "capabilityStatus"), "Admin", o[0], o[1], o[2],
                        s.has("consumedUnits") ? s.get("consumedUnits").getAsString() : "");
                rows++;
            }
        }
        return rows;
    }

    /** Purchasers, prices and currency of the job's purchases.csv, by SKU: Graph does not know them. */
    private static Map<String, String[]> ownPurchases(JobDefinition job) {
        Map<String, String[]> own = new LinkedHashMap<>();
        Path file = job.input() == null ? null : job.input().resolve("purchases.csv");
        if (file == null || !Files.exists(file)) {
            return own;
        }
        try (CsvFile f = CsvFile.open(file)) {
            int sku = f.column(Column.of("sku", "skuPartNumber", "String_Id"));
            int purchaser = f.column(Column.of("purchaser", "purchasers"));
            int price = f.column(Column.of("unitPrice"));
            int currency = f.column(Column.of("currency"));
            for (CsvRecord r : f) {
                if (sku >= 0) {
                    own.putIfAbsent(r.get(sku).trim().toLowerCase(Locale.ROOT), new String[] {
                            purchaser < 0 ? "" : r.get(purchaser), price < 0 ? "" : r.get(price),
                            currency < 0 ? "" : r.get(currency)});
                }
            }
        } catch (InputFileException e) {
            return own;
        }
        return own;
    }

    /** The groups the job's rules name, resolved to object ids (a rule may name a group by id). */
    private List<Rule> ruleGroups(GraphClient graph, JobDefinition job) {
        Path file = job.input() == null ? null : job.input().resolve("group-licenses.csv");
        Set<String> names = new LinkedHashSet<>();
        if (file != null && Files.exists(file)) {
            try (CsvFile f = CsvFile.open(file)) {
                int g = f.require(Column.of("group", "groupName", "groupDisplayName", "Group name", "groupId"),
                        "group-licenses.csv needs a column group.");
                for (CsvRecord r : f) {
                    if (!r.get(g).isBlank()) {
                        names.add(r.get(g).trim());
                    }
                }
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (String name : names) {
            if (GUID.matcher(name).matches()) {
                rules.add(new Rule(name, name.toLowerCase(Locale.ROOT)));
                continue;
            }
            String filter = URLEncoder.encode("displayName eq '" + name.replace("'", "''") + "'", StandardCharsets.UTF_8)
                    .replace("+", "%20");
            var found = graph.get("/groups?$filter=" + filter + "&$select=id,displayName").getAsJsonArray("value");
            if (found.isEmpty()) {
                out.println("  group " + name + " of the job's rules does not exist in the tenant; it has no members.");
                continue;
            }
            rules.add(new Rule(name, GraphJson.string(found.get(0).getAsJsonObject(), "id").toLowerCase(Locale.ROOT)));
        }
        return rules;
    }

    private int writeMemberships(GraphClient graph, Path temp, List<Rule> rules) throws IOException {
        int[] count = {0};
        try (CsvRowWriter w = CsvRowWriter.create(temp.resolve("group-memberships.csv"))) {
            w.row("group", "member", "memberType");
            for (Rule rule : rules) {
                graph.pages("/groups/" + rule.id() + "/members?$select=id,userPrincipalName,displayName&$top=999", m -> {
                    String type = GraphJson.string(m, "@odata.type");
                    boolean group = type != null && type.endsWith(".group");
                    String member = group ? GraphJson.string(m, "displayName") : GraphJson.string(m, "userPrincipalName");
                    if (member == null) {
                        return; // devices and contacts hold no licenses
                    }
                    w.row(rule.group(), member, group ? "Group" : "User");
                    count[0]++;
                });
            }
        }
        return count[0];
    }

    /** users.csv, assignments.csv, tenant-group-licenses.csv and tenant-license-errors.csv in one read of /users. */
    private int[] writeUsers(GraphClient graph, Path temp, Map<String, Sku> skus, Map<String, String> groupNames)
            throws IOException {
        int[] counts = {0, 0, 0};
        Set<String> tenantGroupLicenses = new TreeSet<>();
        long[] lastProgress = {System.nanoTime()};
        try (CsvRowWriter users = CsvRowWriter.create(temp.resolve("users.csv"));
             CsvRowWriter assignments = CsvRowWriter.create(temp.resolve("assignments.csv"));
             CsvRowWriter errors = CsvRowWriter.create(temp.resolve("tenant-license-errors.csv"))) {
            users.row("userPrincipalName", "displayName", "objectId", "userType", "accountEnabled", "usageLocation",
                    "department", "country");
            assignments.row("user", "sku", "disabledPlans", "assignedBy");
            errors.row("user", "sku", "assignedBy", "state", "error", "message", "fix");
            graph.pages("/users?$select=" + USER_SELECT + "&$top=999", u -> {
                String upn = GraphJson.string(u, "userPrincipalName");
                users.row(upn, nz(GraphJson.string(u, "displayName")), GraphJson.string(u, "id"),
                        nz(GraphJson.string(u, "userType")), nz(GraphJson.string(u, "accountEnabled")),
                        nz(GraphJson.string(u, "usageLocation")), nz(GraphJson.string(u, "department")),
                        nz(GraphJson.string(u, "country")));
                counts[0]++;
                // One row per assignment path (direct, and each group): the job tells its own paths from
                // inherited ones, and a direct path beside a group path is reclaimable (ALSO_DIRECT).
                for (UserLicenses.Path p : GraphJson.paths(u)) {
                    String by = p.direct() ? "Direct" : groupNames.getOrDefault(p.assignedByGroup().toLowerCase(Locale.ROOT),
                            p.assignedByGroup());
                    Sku sku = skus.get(p.skuId());
                    String part = sku == null ? p.skuId() : sku.partNumber();
                    if (!p.direct()) {
                        tenantGroupLicenses.add(by + "\t" + part);
                    }
                    if ("Error".equalsIgnoreCase(p.state())) {
                        errors.row(upn, part, by, p.state(), nz(p.error()), "The tenant could not give " + upn + " "
                                        + part + (p.direct() ? " directly" : " through group " + by) + ": " + nz(p.error()) + ".",
                                "Fix the cause in the Microsoft 365 admin center (Billing > Licenses, or the group's "
                                        + "license assignments), then take a new snapshot.");
                        counts[2]++;
                        continue;
                    }
                    Set<String> names = new TreeSet<>();
                    for (String id : p.disabledPlans()) {
                        names.add(sku == null ? id : sku.planNames().getOrDefault(id, id));
                    }
                    assignments.row(upn, part, String.join(";", names), by);
                    counts[1]++;
                }
                if (System.nanoTime() - lastProgress[0] > 10_000_000_000L) {
                    lastProgress[0] = System.nanoTime();
                    out.println("  " + counts[0] + " users read");
                }
            });
        }
        try (CsvRowWriter w = CsvRowWriter.create(temp.resolve(TenantGroupPaths.FILE))) {
            w.row("group", "sku");
            for (String pair : tenantGroupLicenses) {
                String[] gs = pair.split("\t");
                w.row(gs[0], gs[1]);
            }
        }
        return counts;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
