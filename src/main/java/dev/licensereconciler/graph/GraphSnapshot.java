package dev.licensereconciler.graph;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.licensereconciler.ingest.ActivityReader;
import dev.licensereconciler.ingest.Column;
import dev.licensereconciler.ingest.CsvFile;
import dev.licensereconciler.ingest.CsvRecord;
import dev.licensereconciler.ingest.InputFileException;
import dev.licensereconciler.ingest.SnapshotLoader;
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
import java.time.LocalDate;
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
 * in state Error), activity.csv (the Microsoft 365 active users report, when the app may read it and
 * names are not concealed) and snapshot.properties (when it was taken). users.csv carries the
 * accounts' creation and, where the app may read signInActivity, last sign-in dates: with
 * activity.csv they are what a run finds INACTIVE licenses by. The job's group-licenses.csv (its
 * rules) and the purchasers and prices of its purchases.csv are the admin's, not the tenant's, and
 * are carried over. Files are written aside and moved into place, so a failed read leaves the
 * previous snapshot whole.
 *
 * <p>Entry point: {@link #snapshot(JobDefinition, Path)}.
 */
public final class GraphSnapshot {

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final String USER_SELECT = "id,userPrincipalName,displayName,userType,accountEnabled,usageLocation,"
            + "department,country,createdDateTime,assignedLicenses,licenseAssignmentStates";
    /**
     * The longest period Graph offers (D7, D30, D90, D180): the report's last activity dates then reach furthest
     * back, past the job's default inactiveDays of 90.
     */
    static final String ACTIVE_USERS_REPORT = "/reports/getOffice365ActiveUserDetail(period='D180')";
    /** signInActivity's three dates, under the names users.csv's reader takes them by (as Graph names them). */
    private static final List<String> SIGN_IN_DATES = List.of("lastSignInDateTime", "lastNonInteractiveSignInDateTime",
            "lastSuccessfulSignInDateTime");

    private final Supplier<GraphClient> client;
    private final boolean signIns;
    private final PrintStream out;

    /** {@code signIns}: read users' signInActivity where the app may (license-reconciler.graph.sign-ins). */
    public GraphSnapshot(Supplier<GraphClient> client, boolean signIns, PrintStream out) {
        this.client = client;
        this.signIns = signIns;
        this.out = out;
    }

    private record Sku(String partNumber, Map<String, String> planNames) {
    }

    private record Rule(String group, String id) {
    }

    /** What became of activity.csv: the report's refresh date when written, and the line the snapshot prints. */
    private record Activity(LocalDate refreshed, int users, String line) {
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
            String signInsUnread = signIns ? signInsUnreadable(graph) : null;
            boolean readSignIns = signIns && signInsUnread == null;
            int[] counts = writeUsers(graph, temp, skus, groupNames, readSignIns);
            Activity activity = writeActivity(graph, temp);
            String previousReport = SnapshotInfo.activityReport(folder);
            for (String name : List.of("group-licenses.csv")) {
                Path rulesFile = job.input() == null ? null : job.input().resolve(name);
                if (rulesFile != null && Files.exists(rulesFile) && !rulesFile.getParent().equals(folder)) {
                    Files.copy(rulesFile, temp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            SnapshotInfo.write(temp, takenAt, graph.baseUrl(), "", activity.refreshed() == null ? null
                    : activity.refreshed().toString());
            try (var files = Files.list(temp)) {
                for (Path f : files.toList()) {
                    Files.move(f, folder.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.delete(temp);
            String older = activity.refreshed() != null ? null : olderActivity(folder, previousReport);
            SnapshotReport report = new SnapshotReport(0, folder, counts[0], counts[1], rules.size(), members, skuRows,
                    counts[2], null, activity.refreshed() == null ? -1 : activity.users(), readSignIns);
            out.printf("%s: tenant snapshot written to %s%n  %d users, %d licenses, %d members of %d rule groups, %d "
                            + "subscriptions%s%n", job.name(), folder, report.users(), report.licenses(), members,
                    rules.size(), skuRows, counts[2] == 0 ? "" : "; " + counts[2] + " license paths in state Error "
                            + "(tenant-license-errors.csv)");
            out.println("  " + activity.line());
            if (older != null) {
                out.println("  " + older);
            }
            if (signInsUnread != null) {
                out.println("  " + signInsUnread);
            }
            return report;
        } catch (GraphException e) {
            String message = job.name() + ": snapshot failed, nothing was written over " + folder + ": " + e.getMessage();
            out.println(message);
            return new SnapshotReport(1, folder, 0, 0, 0, 0, 0, 0, message, -1, false);
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
    private int[] writeUsers(GraphClient graph, Path temp, Map<String, Sku> skus, Map<String, String> groupNames,
                             boolean signIns) throws IOException {
        int[] counts = {0, 0, 0};
        Set<String> tenantGroupLicenses = new TreeSet<>();
        long[] lastProgress = {System.nanoTime()};
        try (CsvRowWriter users = CsvRowWriter.create(temp.resolve("users.csv"));
             CsvRowWriter assignments = CsvRowWriter.create(temp.resolve("assignments.csv"));
             CsvRowWriter errors = CsvRowWriter.create(temp.resolve("tenant-license-errors.csv"))) {
            List<String> header = new ArrayList<>(List.of("userPrincipalName", "displayName", "objectId", "userType",
                    "accountEnabled", "usageLocation", "department", "country", "createdDateTime"));
            if (signIns) {
                header.addAll(SIGN_IN_DATES);
            }
            users.row(header);
            assignments.row("user", "sku", "disabledPlans", "assignedBy");
            errors.row("user", "sku", "assignedBy", "state", "error", "message", "fix");
            // With signInActivity Graph pages at most 120 users whatever $top asks (user-list.md).
            graph.pages("/users?$select=" + USER_SELECT + (signIns ? ",signInActivity" : "") + "&$top=999", u -> {
                String upn = GraphJson.string(u, "userPrincipalName");
                List<String> row = new ArrayList<>(List.of(upn, nz(GraphJson.string(u, "displayName")),
                        GraphJson.string(u, "id"), nz(GraphJson.string(u, "userType")),
                        nz(GraphJson.string(u, "accountEnabled")), nz(GraphJson.string(u, "usageLocation")),
                        nz(GraphJson.string(u, "department")), nz(GraphJson.string(u, "country")),
                        nz(GraphJson.string(u, "createdDateTime"))));
                if (signIns) {
                    JsonElement activity = u.get("signInActivity");
                    JsonObject a = activity != null && activity.isJsonObject() ? activity.getAsJsonObject() : null;
                    for (String date : SIGN_IN_DATES) {
                        row.add(a == null ? "" : nz(GraphJson.string(a, date)));
                    }
                }
                users.row(row);
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

    /**
     * Whether the users' sign-ins can be read, asked of one user: null when they can, else the line saying
     * why not. signInActivity needs AuditLog.Read.All and Microsoft Entra ID P1/P2, and Graph refuses the whole
     * users request without them, so the users are then read without it.
     */
    private static String signInsUnreadable(GraphClient graph) {
        try {
            graph.get("/users?$select=id,signInActivity&$top=1");
            return null;
        } catch (GraphException e) {
            String because = "sign-ins not read (Graph answered " + e.status() + " " + e.code() + "): ";
            if ("Authentication_RequestFromNonPremiumTenantOrB2CTenant".equals(e.code())) {
                return because + "signInActivity needs Microsoft Entra ID P1 or P2 in the tenant; users.csv has no "
                        + "sign-in dates and inactivity is judged by activity.csv alone.";
            }
            if (e.status() == 403) {
                return because + "grant the app the application permission AuditLog.Read.All (with admin consent) "
                        + "for users.csv to carry last sign-in dates.";
            }
            return because + e.getMessage();
        }
    }

    /**
     * activity.csv: the Microsoft 365 active users report, byte for byte as Graph's download gives it (the
     * admin center's export, BOM and all, which the job's reader takes), streamed to disk. Checked there as the
     * job reads it: a report the job would refuse (names concealed, or not the report's columns) is not
     * written, and the line says why and what to change. The snapshot succeeds either way: the report is
     * optional input.
     */
    private static Activity writeActivity(GraphClient graph, Path temp) throws IOException {
        Path file = temp.resolve(SnapshotLoader.ACTIVITY);
        String not = SnapshotLoader.ACTIVITY + " not written: ";
        try {
            graph.report(ACTIVE_USERS_REPORT, file);
            ActivityReader.Names names;
            try (CsvFile csv = CsvFile.open(file)) {
                names = ActivityReader.names(csv);
            }
            if (names.concealed()) {
                Files.delete(file);
                return new Activity(null, 0, not + "the tenant conceals user names in usage reports ("
                        + names.concealedRows() + " of " + names.named() + " rows name a user by a hash such as "
                        + names.firstConcealed() + "), so no row could be matched to a user and every run would "
                        + "refuse the file. " + ActivityReader.CONCEALED_SETTING + " and take the snapshot again (in "
                        + "Graph the setting is admin/reportSettings displayConcealedNames, to be false).");
            }
            if (names.refreshed() == null) {
                Files.delete(file);
                return new Activity(null, 0, not + "the report lists no user with a refresh date.");
            }
            return new Activity(names.refreshed(), names.named(), SnapshotLoader.ACTIVITY + ": the Microsoft 365 "
                    + "active users report of " + names.refreshed() + " (last 180 days), " + names.named() + " users");
        } catch (GraphException e) {
            Files.deleteIfExists(file);
            if (e.status() == 403 || e.status() == 401) {
                return new Activity(null, 0, not + "the app may not read usage reports (Graph answered " + e.status()
                        + " " + e.code() + "). Grant it the application permission Reports.Read.All (with admin "
                        + "consent) and take the snapshot again; until then no run finds INACTIVE licenses.");
            }
            return new Activity(null, 0, not + e.getMessage() + ". Take the snapshot again later.");
        } catch (InputFileException e) {
            Files.deleteIfExists(file);
            return new Activity(null, 0, not + "Graph's report is not what the job reads: " + e.getMessage());
        }
    }

    /**
     * When this snapshot wrote no activity.csv, one already in the folder from an earlier snapshot is
     * removed: it describes the users as they were then, and judging today's users by it could take a
     * license from someone active since. The admin's own export (no earlier snapshot wrote it) is kept.
     */
    private static String olderActivity(Path folder, String previousReport) throws IOException {
        Path old = folder.resolve(SnapshotLoader.ACTIVITY);
        if (!Files.exists(old)) {
            return null;
        }
        if (previousReport != null) {
            Files.delete(old);
            return "the " + SnapshotLoader.ACTIVITY + " of an earlier snapshot (report of " + previousReport
                    + ") was removed: runs judge no one INACTIVE by an outdated report.";
        }
        return "the folder's own " + SnapshotLoader.ACTIVITY + " (not written by a snapshot) is kept: runs judge "
                + "inactivity by it, whatever its date.";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
