package dev.licensereconciler.graph;

import dev.licensereconciler.domain.Operation;
import dev.licensereconciler.ingest.Column;
import dev.licensereconciler.ingest.CsvFile;
import dev.licensereconciler.ingest.CsvRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Group paths as the job's tenant folder shows them. A rule of group-licenses.csv mirrors the
 * tenant's own group licensing when tenant-group-licenses.csv (written by {@code snapshot} from
 * the paths Graph reported) says the tenant licenses that group with that product. For such a rule,
 * a new member's ASSIGN and the UNASSIGN or UPDATE_SERVICES of a license held through the group
 * are Entra's to carry out. A folder without tenant-group-licenses.csv (an admin-center export)
 * says nothing about the tenant's group licensing: every change then needs a request.
 */
final class TenantGroupPaths implements GroupPaths {

    static final String FILE = "tenant-group-licenses.csv";

    private static final Column GROUP = Column.of("group", "groupName", "groupDisplayName", "Group name");
    private static final Column SKU = Column.of("sku", "skuPartNumber", "String_Id");
    private static final Column MEMBER = Column.of("member", "memberUpn", "userPrincipalName", "upn");
    private static final Column USER = Column.of("user", "userPrincipalName", "upn", "User principal name");
    private static final Column ASSIGNED_BY = Column.of("assignedBy", "assignedByGroup", "inheritedFrom");

    /** For each user (lower-cased UPN) and SKU, the mirrored group it is a member of or holds the license through. */
    private final Map<String, String> membership;
    private final Map<String, String> heldThrough;

    private TenantGroupPaths(Map<String, String> membership, Map<String, String> heldThrough) {
        this.membership = membership;
        this.heldThrough = heldThrough;
    }

    static GroupPaths forFolder(Path folder) {
        if (folder == null || !Files.exists(folder.resolve(FILE)) || !Files.exists(folder.resolve("group-licenses.csv"))) {
            return GroupPaths.NONE;
        }
        Set<String> tenant = pairs(folder.resolve(FILE));
        Set<String> rules = pairs(folder.resolve("group-licenses.csv"));
        rules.retainAll(tenant);
        if (rules.isEmpty()) {
            return GroupPaths.NONE;
        }
        Map<String, Set<String>> skusOfGroup = new HashMap<>();
        Map<String, String> groupName = new HashMap<>();
        for (String pair : rules) {
            String[] gs = pair.split("\t");
            skusOfGroup.computeIfAbsent(gs[0], k -> new HashSet<>()).add(gs[1]);
        }
        Map<String, String> membership = new HashMap<>();
        Path memberships = folder.resolve("group-memberships.csv");
        if (Files.exists(memberships)) {
            try (CsvFile f = CsvFile.open(memberships)) {
                int g = f.require(GROUP, "group-memberships.csv needs columns group and member.");
                int m = f.require(MEMBER, "group-memberships.csv needs columns group and member.");
                for (CsvRecord r : f) {
                    String group = key(r.get(g));
                    Set<String> skus = skusOfGroup.get(group);
                    if (skus != null) {
                        groupName.putIfAbsent(group, r.get(g).trim());
                        for (String sku : skus) {
                            membership.putIfAbsent(key(r.get(m)) + "\t" + sku, r.get(g).trim());
                        }
                    }
                }
            }
        }
        Map<String, String> held = new HashMap<>();
        Path assignments = folder.resolve("assignments.csv");
        if (Files.exists(assignments)) {
            try (CsvFile f = CsvFile.open(assignments)) {
                int u = f.require(USER, "assignments.csv needs columns user and sku.");
                int s = f.require(SKU, "assignments.csv needs columns user and sku.");
                int by = f.column(ASSIGNED_BY);
                for (CsvRecord r : f) {
                    String group = by < 0 ? "" : key(r.get(by));
                    Set<String> skus = skusOfGroup.get(group);
                    if (skus != null && skus.contains(key(r.get(s)))) {
                        held.put(key(r.get(u)) + "\t" + key(r.get(s)), r.get(by).trim());
                    }
                }
            }
        }
        return new TenantGroupPaths(membership, held);
    }

    @Override
    public String carriedOutBy(ActionRow action) {
        String k = key(action.user()) + "\t" + key(action.sku());
        return action.operation() == Operation.ASSIGN ? membership.get(k) : heldThrough.get(k);
    }

    private static Set<String> pairs(Path file) {
        Set<String> out = new HashSet<>();
        try (CsvFile f = CsvFile.open(file)) {
            int g = f.require(GROUP, file.getFileName() + " needs columns group and sku.");
            int s = f.require(SKU, file.getFileName() + " needs columns group and sku.");
            for (CsvRecord r : f) {
                out.add(key(r.get(g)) + "\t" + key(r.get(s)));
            }
        }
        return out;
    }

    private static String key(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
