package dev.licensereconciler.generator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Writes a synthetic, realistic Microsoft 365 tenant snapshot (the input folder of PRODUCT.md §3):
 * {@code users.csv} in the admin-center <em>Active users</em> export format (UTF-8 with BOM, CRLF),
 * {@code group-memberships.csv}, {@code group-licenses.csv}, {@code assignments.csv} and
 * {@code purchases.csv}.
 *
 * <p>Plain Java (JDK only), so it runs from {@code target/classes} alone. Deterministic for a seed:
 * every user is derived from (seed, index) alone, so the files are written in one streaming pass
 * with constant memory (1,000,000 users fit in a few MB of heap). Names, offices, departments,
 * license rules and prices are tables under {@code src/main/resources/generator/}; what a user is
 * and holds is drawn from weighted tables ({@link #ACCOUNTS}, {@code base-licenses.csv},
 * {@link #ADD_ONS}, {@link #DRIFTS}).
 * Only products and service plans of the built-in catalog ({@code reference/catalog.csv}) are used.
 *
 * <p>Proportions: ~2% guests, ~3% blocked accounts, ~1% without usage location; most users hold
 * exactly what their license groups give them, some drift (joined a group and wait for a license,
 * left a group but still hold its license, manual licenses, changed services, a frontline worker
 * moved to an office role whose new E3 conflicts with the F3 still held); some products are short
 * of seats. About 5 group memberships and 2 licenses per user.
 */
public final class TenantGenerator {

    public static final String DOMAIN = "contoso.example";
    public static final String USERS_HEADER = "Block credential,City,Country/Region,Department,DirSyncEnabled,"
            + "Display name,Fax,First name,Last dirsync time,Last name,Last password change time stamp,"
            + "License reconciliation needed,Licenses,Mobile Phone,Object Id,Office,Password never expires,"
            + "Phone number,Postal code,Preferred data location,Preferred language,Proxy addresses,"
            + "Release track,Soft deletion time stamp,State,Street address,Strong password required,Title,"
            + "Usage location,User principal name,When created";
    public static final String MEMBERSHIPS_HEADER = "group,member,memberType";
    public static final String GROUP_LICENSES_HEADER = "group,sku,disabledPlans,priority";
    public static final String ASSIGNMENTS_HEADER = "user,sku,disabledPlans,assignedBy";
    public static final String PURCHASES_HEADER =
            "sku,quantity,status,channel,purchaser,unitPrice,currency,subscriptionId,renewalDate,term,autoRenew,isTrial";

    /** Names, offices, departments, groups, rules and prices: src/main/resources/generator/. */
    private static final GeneratorTables TABLES = GeneratorTables.load();

    /** What a user is, by {@code nextDouble()}: 2% guests, 3% blocked, 1% without usage location. */
    private enum Account { GUEST, BLOCKED, NO_USAGE_LOCATION, MEMBER }

    private static final WeightedTable<Account> ACCOUNTS = WeightedTable.<Account>builder()
            .add(Account.GUEST, 2).add(Account.BLOCKED, 3).add(Account.NO_USAGE_LOCATION, 1).add(Account.MEMBER, 94).build();

    private static final WeightedTable<String> WORKFORCE = WeightedTable.<String>builder()
            .add("frontline", 28).add("office", 72).build();

    private static final String[] GUEST_USAGE_LOCATIONS = {"NL", "BE", "DE", "US", "GB"};

    /** The role a license group is drawn for. */
    private record Role(GeneratorTables.Department department, String base, boolean frontline) {
        boolean e5() {
            return "LIC-M365-E5".equals(base);
        }

        boolean fullSuite() {
            return base != null && (base.startsWith("LIC-M365-E") || base.equals("LIC-O365-E3"));
        }
    }

    /**
     * An add-on license group for office roles with a base product: drawn with {@code percent}
     * for roles that {@code drawnFor} and kept when {@code keptFor} (Microsoft 365 E5 already
     * includes Power BI Pro, but the draw is made for every data role).
     */
    private record AddOn(String group, int percent, Predicate<Role> drawnFor, Predicate<Role> keptFor) {
    }

    private static final List<AddOn> ADD_ONS = List.of(
            new AddOn("LIC-PowerBI-Pro", 55, role -> role.department().has("data"), role -> !role.e5()),
            new AddOn("LIC-Visio-Plan2", 25, role -> role.department().has("tech"), role -> true),
            new AddOn("LIC-Project-Plan3", 20, role -> role.fullSuite()
                    && (role.department().has("tech") || role.department().has("management")), role -> true),
            new AddOn("LIC-Audio-Conferencing", 55, role -> !role.e5(), role -> true),
            new AddOn("LIC-Teams-Phone", 45, role -> !role.e5() && role.department().has("voice"), role -> true));

    /** How a member's licenses differ from what the groups give, by {@code nextDouble()} (percent). */
    private enum Drift { NEW_JOINER, JOINED_ADD_ON_GROUP, LEFT_ADD_ON_GROUP, MANUAL_NOW_COVERED, MANUAL_ONLY,
        SERVICES_CHANGED, MOVED_TO_OFFICE, UNLICENSED_EXPLORATORY, NONE }

    private static final WeightedTable<Drift> DRIFTS = WeightedTable.<Drift>builder()
            .add(Drift.NEW_JOINER, 5).add(Drift.JOINED_ADD_ON_GROUP, 3).add(Drift.LEFT_ADD_ON_GROUP, 2)
            .add(Drift.MANUAL_NOW_COVERED, 2).add(Drift.MANUAL_ONLY, 3).add(Drift.SERVICES_CHANGED, 1)
            .add(Drift.MOVED_TO_OFFICE, 1).add(Drift.UNLICENSED_EXPLORATORY, 3).add(Drift.NONE, 80).build();

    private static final DateTimeFormatter EXPORT_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final LocalDateTime SNAPSHOT = LocalDateTime.of(2026, 11, 22, 23, 41, 7);

    private final long seed;
    private final Map<String, String> displayNames;

    public TenantGenerator(long seed) {
        this.seed = seed;
        this.displayNames = loadCatalogDisplayNames();
    }

    /** Names a product the catalog does not list, as the Licenses column would show it. */
    void knownAs(String sku, String displayName) {
        displayNames.put(sku, displayName);
    }

    /** What was written. */
    public record Stats(int users, long memberships, long assignments, int guests, int blocked,
                        int noUsageLocation, Map<String, Integer> held, Map<String, Integer> wanted) {
    }

    // ------------------------------------------------------------------ writing

    /** Writes the five files into {@code dir} (created if needed), replacing existing ones. */
    public Stats write(Path dir, int users) throws IOException {
        Files.createDirectories(dir);
        Map<String, Integer> held = new TreeMap<>();
        Map<String, Integer> wanted = new TreeMap<>();
        long memberships = 0;
        long assignments = 0;
        int guests = 0;
        int blocked = 0;
        int noLocation = 0;
        try (Writer u = writer(dir.resolve("users.csv"));
             Writer m = writer(dir.resolve("group-memberships.csv"));
             Writer a = writer(dir.resolve("assignments.csv"))) {
            u.write('\uFEFF');
            u.write(USERS_HEADER);
            u.write("\r\n");
            m.write(MEMBERSHIPS_HEADER + "\n");
            a.write(ASSIGNMENTS_HEADER + "\n");
            m.write("LIC-M365-E3,Team Interim,Group\n"); // nested groups are not expanded (R1)
            memberships++;
            for (int i = 0; i < users; i++) {
                GeneratedUser g = user(i);
                u.write(csvLine(g.usersRow()));
                u.write("\r\n");
                for (String group : g.groups) {
                    m.write(csvLine(group, g.upn, "User"));
                    m.write('\n');
                    memberships++;
                }
                for (Held h : g.held) {
                    a.write(csvLine(g.upn, h.sku, h.disabled, h.assignedBy));
                    a.write('\n');
                    assignments++;
                }
                guests += g.guest ? 1 : 0;
                blocked += g.blocked ? 1 : 0;
                noLocation += g.usageLocation.isEmpty() ? 1 : 0;
                Set<String> want = new TreeSet<>();
                for (Held h : g.held) {
                    held.merge(h.sku, 1, Integer::sum);
                    want.add(h.sku);
                }
                if (!g.guest && !g.blocked) {
                    want.addAll(entitlements(g.groups).keySet());
                }
                for (String sku : want) {
                    wanted.merge(sku, 1, Integer::sum);
                }
            }
        }
        try (Writer w = writer(dir.resolve("group-licenses.csv"))) {
            w.write(GROUP_LICENSES_HEADER + "\n");
            for (GeneratorTables.Rule r : TABLES.rules()) {
                w.write(csvLine(r.group(), r.sku(), r.disabledPlans(), Integer.toString(r.priority())));
                w.write('\n');
            }
        }
        writePurchases(dir.resolve("purchases.csv"), held, wanted);
        return new Stats(users, memberships, assignments, guests, blocked, noLocation, held, wanted);
    }

    private void writePurchases(Path file, Map<String, Integer> held, Map<String, Integer> wanted)
            throws IOException {
        SplittableRandom r = new SplittableRandom(mix(seed, -1));
        Map<String, Integer> rows = new HashMap<>();
        try (Writer w = writer(file)) {
            w.write(PURCHASES_HEADER + "\n");
            for (Map.Entry<String, BigDecimal> e : TABLES.prices().entrySet()) {
                String sku = e.getKey();
                int want = wanted.getOrDefault(sku, 0);
                int hold = held.getOrDefault(sku, 0);
                String price = e.getValue().toPlainString();
                String it = "it-purchasing@" + DOMAIN;
                switch (sku) {
                    case "SPE_E3" -> {
                        int total = want + Math.max(2, want / 50);
                        int main = total * 4 / 5;
                        purchase(w, r, rows, sku, main, "Enabled", "Admin", it, price);
                        purchase(w, r, rows, sku, total - main, "Enabled", "Admin", it, price);
                    }
                    case "SPE_F1" -> purchase(w, r, rows, sku, want + Math.max(1, want / 20), "Warning", "Admin",
                            "operations-purchasing@" + DOMAIN, price);
                    case "ENTERPRISEPACK" -> {
                        purchase(w, r, rows, sku, want + 3, "Enabled", "Admin", it, price);
                        purchase(w, r, rows, sku, 25, "Suspended", "Admin", it, price);
                    }
                    case "EMS", "POWER_BI_PRO", "MCOEV", "PROJECTPROFESSIONAL" -> purchase(w, r, rows, sku,
                            Math.max(0, want - Math.max(2, want / 8)), "Enabled", "Admin",
                            sku.equals("POWER_BI_PRO") ? "finance-ops@" + DOMAIN + ";" + it
                                    : sku.equals("EMS") ? "security@" + DOMAIN : it, price);
                    case "TEAMS_EXPLORATORY", "FLOW_FREE" -> purchase(w, r, rows, sku, 10_000, "Enabled", "Admin", "",
                            price);
                    case "VISIOONLINE_PLAN1" -> purchase(w, r, rows, sku, hold + 2, "Enabled", "Admin", it, price);
                    case "PBI_PREMIUM_PER_USER" -> purchase(w, r, rows, sku, Math.max(1, hold), "Enabled",
                            "SelfService", "finance-ops@" + DOMAIN, price);
                    default -> purchase(w, r, rows, sku, Math.max(want, hold) + Math.max(1, want / 25), "Enabled",
                            "Admin", it, price);
                }
            }
        }
    }

    /** @param rows purchase rows written so far per product: the n-th row gets the n-th renewal terms */
    private static void purchase(Writer w, SplittableRandom r, Map<String, Integer> rows, String sku, int qty,
                                 String status, String channel, String purchaser, String price) throws IOException {
        // The n-th row of this product: its renewal terms come from the tables by position.
        List<String> renewal = TABLES.renewal(sku, rows.merge(sku, 1, Integer::sum) - 1);
        w.write(csvLine(sku, Integer.toString(qty), status, channel, purchaser, price, "EUR",
                uuid(r).toString(), renewal.get(0), renewal.get(1), renewal.get(2), renewal.get(3)));
        w.write('\n');
    }

    // ------------------------------------------------------------------ one user

    record Held(String sku, String disabled, String assignedBy) {
    }

    /** Everything about user {@code i}, derived from (seed, i) only. */
    final class GeneratedUser {
        String upn;
        String first;
        String last;
        String department = "";
        String title = "";
        GeneratorTables.Office office;
        String usageLocation;
        boolean guest;
        boolean blocked;
        boolean synced;
        String objectId;
        LocalDateTime created;
        LocalDateTime passwordChanged;
        String mobile = "";
        String phone = "";
        final Set<String> groups = new LinkedHashSet<>();
        final List<Held> held = new ArrayList<>();

        String[] usersRow() {
            StringBuilder licenses = new StringBuilder();
            for (Held h : held) {
                if (licenses.length() > 0) {
                    licenses.append('+');
                }
                licenses.append(displayNames.get(h.sku));
            }
            String display = guest ? first + " " + last + " (" + upn.substring(upn.indexOf('_') + 1,
                    upn.indexOf("#EXT#")) + ")" : first + " " + last;
            String proxies = guest ? "" : "SMTP:" + upn + "+smtp:" + upn.replace("@" + DOMAIN,
                    "@contoso.onmicrosoft.com");
            return new String[] {
                blocked ? "True" : "False",
                guest ? "" : office.city(),
                guest ? "" : office.country(),
                department,
                synced ? "True" : "",
                display,
                "",
                first,
                synced ? time(SNAPSHOT.minusMinutes(12)) : "",
                last,
                time(passwordChanged),
                "False",
                licenses.length() == 0 ? "Unlicensed" : licenses.toString(),
                mobile,
                objectId,
                guest ? "" : office.city(),
                "False",
                phone,
                guest ? "" : office.postal(),
                "",
                guest ? "" : office.language(),
                proxies,
                "",
                "",
                "",
                guest ? "" : office.street(),
                "True",
                title,
                usageLocation,
                upn,
                time(created)};
        }
    }

    /**
     * Everything about user {@code i}, derived from (seed, i) only. The draws from {@code r} come
     * in a fixed order (a tenant is byte-identical for a seed), so new draws go at the end.
     */
    private GeneratedUser user(int i) {
        SplittableRandom r = new SplittableRandom(mix(seed, i));
        GeneratedUser g = new GeneratedUser();
        List<String> first = TABLES.firstNames();
        List<String> last = TABLES.lastNames();
        int combos = first.size() * last.size();
        int slot = (int) ((i * 7919L + seed % combos + combos) % combos); // a bijection on [0, combos)
        g.first = first.get(slot % first.size());
        g.last = last.get(slot / first.size());
        int round = i / combos;
        String local = slug(g.first) + "." + slug(g.last) + (round == 0 ? "" : Integer.toString(round + 1));
        g.objectId = uuid(r).toString();
        g.created = SNAPSHOT.minusDays(30 + r.nextInt(3000)).withHour(7 + r.nextInt(11))
                .withMinute(r.nextInt(60)).withSecond(r.nextInt(60));
        g.passwordChanged = SNAPSHOT.minusDays(r.nextInt(400)).withHour(8 + r.nextInt(10))
                .withMinute(r.nextInt(60)).withSecond(r.nextInt(60));
        if (g.passwordChanged.isBefore(g.created)) {
            g.passwordChanged = g.created;
        }
        Account account = ACCOUNTS.at(r.nextDouble());
        if (account == Account.GUEST) {
            guest(g, r, local);
        } else {
            member(g, r, local, account);
        }
        return g;
    }

    /** A partner's employee in a few team groups; now and then wrongly added to a license group (GUEST_NOT_ALLOWED). */
    private static void guest(GeneratedUser g, SplittableRandom r, String local) {
        g.guest = true;
        g.upn = local + "_" + draw(r, TABLES.partners()) + "#EXT#@contoso.onmicrosoft.com";
        g.usageLocation = r.nextInt(3) == 0 ? "" : GUEST_USAGE_LOCATIONS[r.nextInt(GUEST_USAGE_LOCATIONS.length)];
        g.synced = false;
        int teams = 1 + r.nextInt(2);
        for (int t = 0; t < teams; t++) {
            g.groups.add(draw(r, TABLES.teamGroups()));
        }
        if (r.nextInt(4) == 0) {
            g.groups.add(r.nextBoolean() ? "LIC-PowerBI-Pro" : "LIC-Visio-Plan2");
        }
    }

    /** An employee: office, department, groups, the license groups of the role, then drift. */
    private static void member(GeneratedUser g, SplittableRandom r, String local, Account account) {
        g.upn = local + "@" + DOMAIN;
        g.synced = r.nextInt(20) != 0;
        g.blocked = account == Account.BLOCKED;
        g.office = TABLES.offices().pick(r);
        g.usageLocation = account == Account.NO_USAGE_LOCATION ? "" : g.office.code();
        String workforce = WORKFORCE.pick(r);
        GeneratorTables.Department department = TABLES.departments().get(workforce).pick(r);
        g.department = department.name();
        g.title = draw(r, department.titles());
        g.phone = r.nextInt(3) == 0 ? "" : g.office.phone() + " " + (1000 + r.nextInt(9000));
        g.mobile = r.nextInt(2) == 0 ? "" : switch (g.office.code()) {
            case "NL" -> "+31 6 " + (10000000 + r.nextInt(89999999));
            case "BE" -> "+32 4" + (70 + r.nextInt(30)) + " " + (100000 + r.nextInt(899999));
            default -> "+49 15" + (1 + r.nextInt(9)) + " " + (1000000 + r.nextInt(8999999));
        };
        g.groups.add("All Employees");
        g.groups.add("Dept " + g.department);
        g.groups.add("Office " + g.office.city());
        int teams = r.nextInt(100) < 55 ? 1 + r.nextInt(3) : 0;
        for (int t = 0; t < teams; t++) {
            g.groups.add(draw(r, TABLES.teamGroups()));
        }
        boolean frontline = workforce.equals("frontline");
        String role = frontline ? "frontline" : department.has("senior") ? "office-senior" : "office";
        Role licensed = new Role(department, TABLES.baseLicenses().get(role).pick(r), frontline);
        g.groups.addAll(licenseGroups(r, licensed));
        drift(g, r, licensed);
        if (g.blocked && r.nextBoolean()) { // leaver: removed from the license groups, licenses still held
            g.groups.removeIf(x -> x.startsWith("LIC-"));
        }
    }

    /** The base product's group and the add-on groups of the role. */
    private static List<String> licenseGroups(SplittableRandom r, Role role) {
        List<String> groups = new ArrayList<>();
        if (role.base() == null) {
            return groups;
        }
        groups.add(role.base());
        if (role.base().equals("LIC-M365-E3-Contractors") && r.nextInt(5) == 0) {
            groups.add("LIC-M365-E3"); // two rules for one product: union of services (R2)
        }
        if (!role.frontline()) {
            for (AddOn addOn : ADD_ONS) {
                if (addOn.drawnFor().test(role) && r.nextInt(100) < addOn.percent() && addOn.keptFor().test(role)) {
                    groups.add(addOn.group());
                }
            }
        }
        return groups;
    }

    /** Current licenses: what the groups give, then how they drifted from that. */
    private static void drift(GeneratedUser g, SplittableRandom r, Role role) {
        Map<String, String[]> ent = entitlements(g.groups); // sku -> {disabled, first group}
        Drift drift = DRIFTS.at(r.nextDouble());
        if (drift != Drift.NEW_JOINER && !g.usageLocation.isEmpty()) {
            for (Map.Entry<String, String[]> e : ent.entrySet()) {
                g.held.add(new Held(e.getKey(), e.getValue()[0], e.getValue()[1]));
            }
        }
        switch (drift) {
            case JOINED_ADD_ON_GROUP -> g.groups.add(r.nextBoolean() ? "LIC-Audio-Conferencing" : "LIC-PowerBI-Pro");
            case LEFT_ADD_ON_GROUP -> {
                String left = r.nextBoolean() ? "LIC-Visio-Plan2" : "LIC-PowerBI-Pro";
                String sku = left.equals("LIC-Visio-Plan2") ? "VISIOCLIENT" : "POWER_BI_PRO";
                if (!ent.containsKey(sku)) {
                    g.held.add(new Held(sku, "", left));
                }
            }
            case MANUAL_NOW_COVERED -> {
                if (!g.held.isEmpty()) {
                    Held h = g.held.get(g.held.size() - 1);
                    g.held.set(g.held.size() - 1, new Held(h.sku(), h.disabled(), "Direct"));
                }
            }
            case MANUAL_ONLY -> {
                String sku = draw(r, TABLES.manualOnly());
                if (sku.equals("TEAMS_EXPLORATORY") && role.base() != null) {
                    sku = "FLOW_FREE"; // Teams Exploratory conflicts with the E3/F3 plans: only for unlicensed users
                }
                if (!ent.containsKey(sku)) {
                    g.held.add(new Held(sku, "", "Direct"));
                }
            }
            case SERVICES_CHANGED -> {
                if (!g.held.isEmpty()) {
                    Held h = g.held.get(0);
                    String extra = h.sku().equals("SPE_F1") ? "STREAM_O365_K" : h.sku().startsWith("SPE_E")
                            || h.sku().equals("ENTERPRISEPACK") ? "SWAY" : "";
                    if (!extra.isEmpty() && !h.disabled().contains(extra)) {
                        g.held.set(0, new Held(h.sku(), joinPlans(h.disabled(), extra), h.assignedBy()));
                    }
                }
            }
            case MOVED_TO_OFFICE -> {
                if ("LIC-M365-F3".equals(role.base())) {
                    g.groups.add("LIC-M365-E3"); // moved to an office role: E3 conflicts with the F3 still held
                }
            }
            case UNLICENSED_EXPLORATORY -> {
                if (role.base() == null) {
                    g.held.add(new Held("TEAMS_EXPLORATORY", "", "Direct"));
                }
            }
            case NEW_JOINER, NONE -> {
            }
        }
    }

    private static String draw(SplittableRandom r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    /**
     * A hand-made user for showcase rows (see {@link ContosoSample}): an active member in office
     * {@code officeIndex} (0 = Amsterdam; see OFFICES), ids derived from the seed and the UPN.
     */
    GeneratedUser showcase(String first, String last, String upn, int officeIndex, String department,
                           String title) {
        SplittableRandom r = new SplittableRandom(mix(seed, upn.hashCode() * 31L + 1_000_003L));
        GeneratedUser g = new GeneratedUser();
        g.first = first;
        g.last = last;
        g.upn = upn;
        g.office = TABLES.offices().values().get(officeIndex);
        g.usageLocation = g.office.code();
        g.department = department;
        g.title = title;
        g.synced = true;
        g.objectId = uuid(r).toString();
        g.created = SNAPSHOT.minusDays(60 + r.nextInt(2000)).withHour(9).withMinute(r.nextInt(60));
        g.passwordChanged = SNAPSHOT.minusDays(r.nextInt(60)).withHour(10).withMinute(r.nextInt(60));
        g.phone = g.office.phone() + " " + (1000 + r.nextInt(9000));
        return g;
    }

    /** sku -> {disabled plans of the union (R2), first granting group} for the license groups given. */
    static Map<String, String[]> entitlements(Set<String> groups) {
        Map<String, Set<String>> disabled = new TreeMap<>();
        Map<String, String> by = new TreeMap<>();
        for (GeneratorTables.Rule rule : TABLES.rules()) {
            if (!groups.contains(rule.group())) {
                continue;
            }
            Set<String> d = new TreeSet<>();
            for (String p : rule.disabledPlans().split(";")) {
                if (!p.isBlank()) {
                    d.add(p);
                }
            }
            Set<String> cur = disabled.get(rule.sku());
            if (cur == null) {
                disabled.put(rule.sku(), d);
                by.put(rule.sku(), rule.group());
            } else {
                cur.retainAll(d);
            }
        }
        Map<String, String[]> out = new TreeMap<>();
        disabled.forEach((sku, d) -> out.put(sku, new String[] {String.join(";", d), by.get(sku)}));
        return out;
    }

    private static String joinPlans(String existing, String extra) {
        Set<String> s = new TreeSet<>();
        for (String p : existing.split(";")) {
            if (!p.isBlank()) {
                s.add(p);
            }
        }
        s.add(extra);
        return String.join(";", s);
    }

    // ------------------------------------------------------------------ helpers

    static long mix(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + (i + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static UUID uuid(SplittableRandom r) {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
                .replace("ş", "s").replace("ı", "i").replace("é", "e").replace("ë", "e").replace("ï", "i");
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String time(LocalDateTime t) {
        return t.format(EXPORT_TIME);
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    /** One CSV record (without line end): quoted only where needed, as Excel and the admin center do. */
    static String csvLine(String... cells) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < cells.length; k++) {
            if (k > 0) {
                b.append(',');
            }
            String c = cells[k] == null ? "" : cells[k];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** String_Id -> Product_Display_Name of the built-in catalog. */
    static Map<String, String> loadCatalogDisplayNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String[] row : readCatalog()) {
            names.putIfAbsent(row[1].trim(), row[0].trim());
        }
        return names;
    }

    /** The rows (without header) of the built-in catalog. */
    static List<String[]> readCatalog() {
        InputStream in = TenantGenerator.class.getResourceAsStream("/reference/catalog.csv");
        if (in == null) {
            throw new IllegalStateException("built-in catalog /reference/catalog.csv not on the class path");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] row = parseLine(line);
                if (row.length >= 6) {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in catalog: " + e.getMessage(), e);
        }
        return rows;
    }

    /** Splits one CSV record that has no line break inside quotes (the catalog has none). */
    static String[] parseLine(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quoted) {
                if (c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
                    cell.append('"');
                    k++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }
}
