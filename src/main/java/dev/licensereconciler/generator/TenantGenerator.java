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

/**
 * Writes a synthetic, realistic Microsoft 365 tenant snapshot (the input folder of PRODUCT.md §3):
 * {@code users.csv} in the admin-center <em>Active users</em> export format (UTF-8 with BOM, CRLF),
 * {@code group-memberships.csv}, {@code group-licenses.csv}, {@code assignments.csv} and
 * {@code purchases.csv}.
 *
 * <p>Plain Java (JDK only), so it runs from {@code target/classes} alone. Deterministic for a seed: every user is derived from (seed, index) alone, so the files are
 * written in one streaming pass with constant memory (1,000,000 users fit in a few MB of heap).
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
            "sku,quantity,status,channel,purchaser,unitPrice,currency,subscriptionId";

    /** One license rule of group-licenses.csv. */
    public record Rule(String group, String sku, String disabledPlans, int priority) {
    }

    /**
     * The license rules the generator uses (all SKUs and plans exist in the built-in catalog). Base
     * products go first (lower priority number), add-ons after them: an add-on such as Audio
     * Conferencing needs the Teams plan of the base product, and new assignments are processed in
     * priority order (R5).
     */
    public static final List<Rule> RULES = List.of(
            new Rule("LIC-M365-E3", "SPE_E3", "", 100),
            new Rule("LIC-M365-E3-Contractors", "SPE_E3", "KAIZALA_O365_P3;SWAY;YAMMER_ENTERPRISE", 100),
            new Rule("LIC-M365-E5", "SPE_E5", "", 50),
            new Rule("LIC-M365-F3", "SPE_F1", "", 120),
            new Rule("LIC-O365-F3", "DESKLESSPACK", "", 120),
            new Rule("LIC-O365-E3", "ENTERPRISEPACK", "YAMMER_ENTERPRISE", 100),
            new Rule("LIC-O365-E3", "EMS", "", 100),
            new Rule("LIC-O365-E1", "STANDARDPACK", "", 150),
            new Rule("LIC-PowerBI-Pro", "POWER_BI_PRO", "", 200),
            new Rule("LIC-Visio-Plan2", "VISIOCLIENT", "", 200),
            new Rule("LIC-Project-Plan3", "PROJECTPROFESSIONAL", "", 200),
            new Rule("LIC-Audio-Conferencing", "MCOMEETADV", "", 200),
            new Rule("LIC-Teams-Phone", "MCOEV", "", 190),
            new Rule("LIC-Teams-Phone", "MCOPSTN1", "", 190));

    /** Unit prices (EUR per user per month, annual commitment, list prices of 2023). */
    static final Map<String, String> PRICES = new LinkedHashMap<>();

    static {
        PRICES.put("SPE_E3", "33.70");
        PRICES.put("SPE_E5", "54.70");
        PRICES.put("SPE_F1", "7.50");
        PRICES.put("DESKLESSPACK", "3.70");
        PRICES.put("ENTERPRISEPACK", "21.90");
        PRICES.put("EMS", "10.10");
        PRICES.put("STANDARDPACK", "9.40");
        PRICES.put("POWER_BI_PRO", "9.40");
        PRICES.put("VISIOCLIENT", "14.10");
        PRICES.put("PROJECTPROFESSIONAL", "28.10");
        PRICES.put("MCOMEETADV", "3.70");
        PRICES.put("MCOEV", "7.50");
        PRICES.put("MCOPSTN1", "11.20");
        PRICES.put("VISIOONLINE_PLAN1", "4.70");
        PRICES.put("TEAMS_EXPLORATORY", "0.00");
        PRICES.put("FLOW_FREE", "0.00");
        PRICES.put("PBI_PREMIUM_PER_USER", "18.70");
    }

    /** Products held only as manual (Direct) licenses. */
    static final List<String> MANUAL_ONLY = List.of("TEAMS_EXPLORATORY", "FLOW_FREE", "VISIOONLINE_PLAN1",
            "PBI_PREMIUM_PER_USER");

    private static final String[] FIRST = {"Jan", "Pieter", "Kees", "Bram", "Daan", "Sem", "Lucas", "Thijs",
        "Ruben", "Jeroen", "Maarten", "Joost", "Wouter", "Sander", "Niels", "Koen", "Bas", "Stijn", "Tim",
        "Gijs", "Luuk", "Jesse", "Milan", "Lars", "Rik", "Anna", "Emma", "Sophie", "Julia", "Lotte", "Femke",
        "Sanne", "Eva", "Lisa", "Fleur", "Iris", "Noor", "Lieke", "Marieke", "Anouk", "Ilse", "Esther", "Hanna",
        "Roos", "Tess", "Sara", "Mila", "Yara", "Fenna", "Britt", "Wout", "Arne", "Jens", "Pieterjan", "Seppe",
        "Jonas", "Lander", "Bert", "Dries", "Kobe", "Elke", "Griet", "Lien", "An", "Nele", "Katrien", "Sofie",
        "Ine", "Hilde", "Veerle", "Lukas", "Felix", "Finn", "Maximilian", "Leon", "Paul", "Moritz", "Tobias",
        "Jürgen", "Matthias", "Lena", "Leonie", "Marie", "Johanna", "Katharina", "Anja", "Sabine", "Jörg",
        "Mohamed", "Youssef", "Fatima", "Soufiane", "Ayşe", "Mehmet", "Priya", "Chloé", "Théo", "Zoë", "Bart",
        "Ilias"};
    private static final String[] LAST = {"de Vries", "Jansen", "de Jong", "van den Berg", "Bakker", "Visser",
        "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
        "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden",
        "Kok", "Jacobs", "de Haan", "Vermeulen", "van Dijk", "Verhoeven", "Schouten", "Willems", "van Beek",
        "Hoekstra", "Koster", "Prins", "Huisman", "Peeters", "Janssens", "Maes", "Claes", "Goossens", "Wouters",
        "De Smet", "Dubois", "Lambert", "Mertens", "Dupont", "Martens", "Van den Broeck", "Vandenberghe",
        "Declercq", "Vandamme", "Verstraete", "Lemmens", "Michiels", "Coppens", "Aerts", "Hermans", "Müller",
        "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Yılmaz", "El Amrani", "Benali", "Öztürk", "Kaya",
        "Bouzid", "Nguyen", "Kumar", "van Houten", "Timmermans", "Postma", "Kuipers", "Veenstra", "Sluiter",
        "Boersma", "Scholten", "Wijnands"};

    record Office(String country, String code, String city, String street, String postal, String phone,
                          String language) {
    }

    private static final Office[] OFFICES = {
        new Office("Netherlands", "NL", "Amsterdam", "Gustav Mahlerplein 105", "1082 MS", "+31 20 555", "nl-NL"),
        new Office("Netherlands", "NL", "Utrecht", "Croeselaan 18", "3521 CB", "+31 30 555", "nl-NL"),
        new Office("Netherlands", "NL", "Rotterdam", "Wilhelminakade 91", "3072 AP", "+31 10 555", "nl-NL"),
        new Office("Netherlands", "NL", "Eindhoven", "Flight Forum 40", "5657 DB", "+31 40 555", "nl-NL"),
        new Office("Netherlands", "NL", "Tilburg", "Distributieweg 7", "5048 AG", "+31 13 555", "nl-NL"),
        new Office("Belgium", "BE", "Brussel", "Rue de la Loi 227", "1040", "+32 2 555", "fr-BE"),
        new Office("Belgium", "BE", "Antwerpen", "Kattendijkdok-Westkaai 20", "2000", "+32 3 555", "nl-BE"),
        new Office("Belgium", "BE", "Gent", "Kortrijksesteenweg 1005", "9000", "+32 9 555", "nl-BE"),
        new Office("Germany", "DE", "Düsseldorf", "Königsallee 60", "40212", "+49 211 555", "de-DE"),
        new Office("Germany", "DE", "Berlin", "Friedrichstraße 68", "10117", "+49 30 555", "de-DE"),
        new Office("Germany", "DE", "München", "Leopoldstraße 244", "80807", "+49 89 555", "de-DE"),
    };
    private static final int[] OFFICE_WEIGHTS = {22, 10, 9, 7, 12, 6, 9, 5, 8, 7, 5};

    private static final String[] OFFICE_DEPTS = {"Sales", "Marketing", "Finance", "HR", "IT", "Legal",
        "Customer Service", "R&D", "Procurement", "Management"};
    private static final int[] OFFICE_DEPT_WEIGHTS = {18, 8, 10, 5, 10, 3, 12, 10, 4, 2};
    private static final String[] FRONTLINE_DEPTS = {"Warehouse", "Logistics", "Retail"};

    private static final Map<String, String[]> TITLES = Map.ofEntries(
            Map.entry("Sales", new String[] {"Account Manager", "Sales Representative", "Key Account Manager",
                "Inside Sales Specialist", "Sales Manager"}),
            Map.entry("Marketing", new String[] {"Marketing Specialist", "Content Marketeer", "Brand Manager"}),
            Map.entry("Finance", new String[] {"Financial Controller", "Accountant", "Business Analyst",
                "Credit Controller"}),
            Map.entry("HR", new String[] {"HR Advisor", "Recruiter", "HR Business Partner"}),
            Map.entry("IT", new String[] {"System Engineer", "Service Desk Agent", "Developer", "IT Architect",
                "Security Officer"}),
            Map.entry("Legal", new String[] {"Legal Counsel", "Compliance Officer"}),
            Map.entry("Customer Service", new String[] {"Customer Service Agent", "Team Lead Customer Service"}),
            Map.entry("R&D", new String[] {"Product Engineer", "Project Manager", "Research Scientist",
                "Designer"}),
            Map.entry("Procurement", new String[] {"Buyer", "Category Manager"}),
            Map.entry("Management", new String[] {"Director", "Managing Director", "Head of Operations"}),
            Map.entry("Warehouse", new String[] {"Warehouse Operator", "Forklift Driver", "Shift Lead"}),
            Map.entry("Logistics", new String[] {"Planner", "Driver", "Dispatcher"}),
            Map.entry("Retail", new String[] {"Store Associate", "Store Manager", "Cashier"}));

    static final String[] TEAM_GROUPS = {"Project Noordzee", "Project Schelde", "Project Rijnland",
        "Werkgroep Duurzaamheid", "Ondernemingsraad", "BHV-Team", "Sociëteit Contoso", "Innovation Lab",
        "ERP Migratie", "Datacenter Exit", "Klanttevredenheid 2026", "Trade Fair Hannover", "Team Benelux Key Accounts",
        "Onboarding Buddies", "Security Champions", "Power Users SharePoint", "Copilot Pilot", "Green IT",
        "Intranet Redactie", "Lean Six Sigma"};
    private static final String[] PARTNERS = {"fabrikam.example", "northwind.example", "adatum.example",
        "tailspin.example", "litware.example"};

    private static final DateTimeFormatter EXPORT_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final LocalDateTime SNAPSHOT = LocalDateTime.of(2026, 11, 22, 23, 41, 7);

    private final long seed;
    private final Map<String, String> displayNames;

    public TenantGenerator(long seed) {
        this.seed = seed;
        this.displayNames = loadCatalogDisplayNames();
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
            for (Rule r : RULES) {
                w.write(csvLine(r.group, r.sku, r.disabledPlans, Integer.toString(r.priority)));
                w.write('\n');
            }
        }
        writePurchases(dir.resolve("purchases.csv"), held, wanted);
        return new Stats(users, memberships, assignments, guests, blocked, noLocation, held, wanted);
    }

    private void writePurchases(Path file, Map<String, Integer> held, Map<String, Integer> wanted)
            throws IOException {
        SplittableRandom r = new SplittableRandom(mix(seed, -1));
        try (Writer w = writer(file)) {
            w.write(PURCHASES_HEADER + "\n");
            for (Map.Entry<String, String> e : PRICES.entrySet()) {
                String sku = e.getKey();
                int want = wanted.getOrDefault(sku, 0);
                int hold = held.getOrDefault(sku, 0);
                String price = e.getValue();
                String it = "it-purchasing@" + DOMAIN;
                switch (sku) {
                    case "SPE_E3" -> {
                        int total = want + Math.max(2, want / 50);
                        int main = total * 4 / 5;
                        purchase(w, r, sku, main, "Enabled", "Admin", it, price);
                        purchase(w, r, sku, total - main, "Enabled", "Admin", it, price);
                    }
                    case "SPE_F1" -> purchase(w, r, sku, want + Math.max(1, want / 20), "Warning", "Admin",
                            "operations-purchasing@" + DOMAIN, price);
                    case "ENTERPRISEPACK" -> {
                        purchase(w, r, sku, want + 3, "Enabled", "Admin", it, price);
                        purchase(w, r, sku, 25, "Suspended", "Admin", it, price);
                    }
                    case "EMS", "POWER_BI_PRO", "MCOEV", "PROJECTPROFESSIONAL" -> purchase(w, r, sku,
                            Math.max(0, want - Math.max(2, want / 8)), "Enabled", "Admin",
                            sku.equals("POWER_BI_PRO") ? "finance-ops@" + DOMAIN + ";" + it
                                    : sku.equals("EMS") ? "security@" + DOMAIN : it, price);
                    case "TEAMS_EXPLORATORY", "FLOW_FREE" -> purchase(w, r, sku, 10_000, "Enabled", "Admin", "",
                            price);
                    case "VISIOONLINE_PLAN1" -> purchase(w, r, sku, hold + 2, "Enabled", "Admin", it, price);
                    case "PBI_PREMIUM_PER_USER" -> purchase(w, r, sku, Math.max(1, hold), "Enabled",
                            "SelfService", "finance-ops@" + DOMAIN, price);
                    default -> purchase(w, r, sku, Math.max(want, hold) + Math.max(1, want / 25), "Enabled",
                            "Admin", it, price);
                }
            }
        }
    }

    private static void purchase(Writer w, SplittableRandom r, String sku, int qty, String status, String channel,
                                 String purchaser, String price) throws IOException {
        w.write(csvLine(sku, Integer.toString(qty), status, channel, purchaser, price, "EUR",
                uuid(r).toString()));
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
        Office office;
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
                guest ? "" : office.city,
                guest ? "" : office.country,
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
                guest ? "" : office.city,
                "False",
                phone,
                guest ? "" : office.postal,
                "",
                guest ? "" : office.language,
                proxies,
                "",
                "",
                "",
                guest ? "" : office.street,
                "True",
                title,
                usageLocation,
                upn,
                time(created)};
        }
    }

    private GeneratedUser user(int i) {
        SplittableRandom r = new SplittableRandom(mix(seed, i));
        GeneratedUser g = new GeneratedUser();
        int combos = FIRST.length * LAST.length;
        int slot = (int) ((i * 7919L + seed % combos + combos) % combos); // a bijection on [0, combos)
        g.first = FIRST[slot % FIRST.length];
        g.last = LAST[slot / FIRST.length];
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
        double kind = r.nextDouble();
        g.guest = kind < 0.02;
        if (g.guest) {
            String partner = PARTNERS[r.nextInt(PARTNERS.length)];
            g.upn = local + "_" + partner + "#EXT#@contoso.onmicrosoft.com";
            g.usageLocation = r.nextInt(3) == 0 ? "" : new String[] {"NL", "BE", "DE", "US", "GB"}[r.nextInt(5)];
            g.department = "";
            g.title = "";
            g.synced = false;
            int teams = 1 + r.nextInt(2);
            for (int t = 0; t < teams; t++) {
                g.groups.add(TEAM_GROUPS[r.nextInt(TEAM_GROUPS.length)]);
            }
            if (r.nextInt(4) == 0) { // a guest added to a license group: GUEST_NOT_ALLOWED
                g.groups.add(r.nextBoolean() ? "LIC-PowerBI-Pro" : "LIC-Visio-Plan2");
            }
            return g;
        }
        g.upn = local + "@" + DOMAIN;
        g.synced = r.nextInt(20) != 0;
        g.blocked = kind < 0.05;
        g.office = OFFICES[pick(r, OFFICE_WEIGHTS)];
        g.usageLocation = kind >= 0.05 && kind < 0.06 ? "" : g.office.code;
        boolean frontline = r.nextInt(100) < 28;
        g.department = frontline ? FRONTLINE_DEPTS[r.nextInt(FRONTLINE_DEPTS.length)]
                : OFFICE_DEPTS[pick(r, OFFICE_DEPT_WEIGHTS)];
        String[] titles = TITLES.get(g.department);
        g.title = titles[r.nextInt(titles.length)];
        g.phone = r.nextInt(3) == 0 ? "" : g.office.phone + " " + (1000 + r.nextInt(9000));
        g.mobile = r.nextInt(2) == 0 ? "" : switch (g.office.code) {
            case "NL" -> "+31 6 " + (10000000 + r.nextInt(89999999));
            case "BE" -> "+32 4" + (70 + r.nextInt(30)) + " " + (100000 + r.nextInt(899999));
            default -> "+49 15" + (1 + r.nextInt(9)) + " " + (1000000 + r.nextInt(8999999));
        };

        g.groups.add("All Employees");
        g.groups.add("Dept " + g.department);
        g.groups.add("Office " + g.office.city);
        int teams = r.nextInt(100) < 55 ? 1 + r.nextInt(3) : 0;
        for (int t = 0; t < teams; t++) {
            g.groups.add(TEAM_GROUPS[r.nextInt(TEAM_GROUPS.length)]);
        }

        // license groups by role
        List<String> lic = new ArrayList<>();
        String base;
        if (frontline) {
            base = r.nextInt(100) < 82 ? "LIC-M365-F3" : "LIC-O365-F3";
        } else {
            int p = r.nextInt(100);
            boolean senior = g.department.equals("IT") || g.department.equals("Legal")
                    || g.department.equals("Management");
            if (senior && p < 30) {
                base = "LIC-M365-E5";
            } else if (p < 64) {
                base = "LIC-M365-E3";
            } else if (p < 80) {
                base = "LIC-O365-E3";
            } else if (p < 88) {
                base = "LIC-O365-E1";
            } else if (p < 93) {
                base = "LIC-M365-E3-Contractors";
            } else if (p < 95) {
                base = null; // unlicensed by rules
            } else {
                base = "LIC-M365-E5";
            }
        }
        if (base != null) {
            lic.add(base);
        }
        boolean fullSuite = base != null && (base.startsWith("LIC-M365-E") || base.equals("LIC-O365-E3"));
        if (base != null && base.equals("LIC-M365-E3-Contractors") && r.nextInt(5) == 0) {
            lic.add("LIC-M365-E3"); // two rules for one product: union of services (R2)
        }
        if (!frontline && base != null) {
            boolean data = g.department.equals("Finance") || g.department.equals("Sales")
                    || g.department.equals("Marketing") || g.department.equals("Management");
            if (data && r.nextInt(100) < 55 && !"LIC-M365-E5".equals(base)) {
                lic.add("LIC-PowerBI-Pro");
            }
            boolean tech = g.department.equals("IT") || g.department.equals("R&D");
            if (tech && r.nextInt(100) < 25) {
                lic.add("LIC-Visio-Plan2");
            }
            if (fullSuite && (tech || g.department.equals("Management")) && r.nextInt(100) < 20) {
                lic.add("LIC-Project-Plan3");
            }
            if (!"LIC-M365-E5".equals(base) && r.nextInt(100) < 55) {
                lic.add("LIC-Audio-Conferencing");
            }
            boolean voice = g.department.equals("Customer Service") || g.department.equals("Sales");
            if (!"LIC-M365-E5".equals(base) && voice && r.nextInt(100) < 45) {
                lic.add("LIC-Teams-Phone");
            }
        }
        g.groups.addAll(lic);

        // current licenses: what the groups give, then drift
        Map<String, String[]> ent = entitlements(g.groups); // sku -> {disabled, first group}
        double drift = r.nextDouble();
        boolean newJoiner = drift < 0.05 || g.usageLocation.isEmpty();
        if (!newJoiner) {
            for (Map.Entry<String, String[]> e : ent.entrySet()) {
                g.held.add(new Held(e.getKey(), e.getValue()[0], e.getValue()[1]));
            }
        }
        if (drift >= 0.05 && drift < 0.08) { // joined an add-on group, license not yet there
            String add = r.nextBoolean() ? "LIC-Audio-Conferencing" : "LIC-PowerBI-Pro";
            if (g.groups.add(add)) {
                // held stays as it was
            }
        } else if (drift >= 0.08 && drift < 0.10) { // left an add-on group, still holds its license
            String left = r.nextBoolean() ? "LIC-Visio-Plan2" : "LIC-PowerBI-Pro";
            String sku = left.equals("LIC-Visio-Plan2") ? "VISIOCLIENT" : "POWER_BI_PRO";
            if (!ent.containsKey(sku)) {
                g.held.add(new Held(sku, "", left));
            }
        } else if (drift >= 0.10 && drift < 0.12 && !g.held.isEmpty()) { // manual license now covered by a rule
            Held h = g.held.get(g.held.size() - 1);
            g.held.set(g.held.size() - 1, new Held(h.sku, h.disabled, "Direct"));
        } else if (drift >= 0.12 && drift < 0.15) { // manual license no rule gives
            String sku = MANUAL_ONLY.get(r.nextInt(MANUAL_ONLY.size()));
            if (sku.equals("TEAMS_EXPLORATORY") && base != null) {
                sku = "FLOW_FREE"; // Teams Exploratory conflicts with the E3/F3 plans: only for unlicensed users
            }
            if (!ent.containsKey(sku)) {
                g.held.add(new Held(sku, "", "Direct"));
            }
        } else if (drift >= 0.15 && drift < 0.16 && !g.held.isEmpty()) { // services changed by hand
            Held h = g.held.get(0);
            String extra = h.sku.equals("SPE_F1") ? "STREAM_O365_K" : h.sku.startsWith("SPE_E")
                    || h.sku.equals("ENTERPRISEPACK") ? "SWAY" : "";
            if (!extra.isEmpty() && !h.disabled.contains(extra)) {
                g.held.set(0, new Held(h.sku, joinPlans(h.disabled, extra), h.assignedBy));
            }
        } else if (drift >= 0.16 && drift < 0.17 && "LIC-M365-F3".equals(base)) {
            g.groups.add("LIC-M365-E3"); // moved to an office role: E3 conflicts with the F3 still held
        } else if (drift >= 0.17 && drift < 0.20 && base == null) {
            g.held.add(new Held("TEAMS_EXPLORATORY", "", "Direct"));
        }
        if (g.blocked && r.nextBoolean()) { // leaver: removed from the license groups, licenses still held
            g.groups.removeIf(x -> x.startsWith("LIC-"));
        }
        return g;
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
        g.office = OFFICES[officeIndex];
        g.usageLocation = g.office.code;
        g.department = department;
        g.title = title;
        g.synced = true;
        g.objectId = uuid(r).toString();
        g.created = SNAPSHOT.minusDays(60 + r.nextInt(2000)).withHour(9).withMinute(r.nextInt(60));
        g.passwordChanged = SNAPSHOT.minusDays(r.nextInt(60)).withHour(10).withMinute(r.nextInt(60));
        g.phone = g.office.phone + " " + (1000 + r.nextInt(9000));
        return g;
    }

    /** sku -> {disabled plans of the union (R2), first granting group} for the license groups given. */
    static Map<String, String[]> entitlements(Set<String> groups) {
        Map<String, Set<String>> disabled = new TreeMap<>();
        Map<String, String> by = new TreeMap<>();
        for (Rule rule : RULES) {
            if (!groups.contains(rule.group)) {
                continue;
            }
            Set<String> d = new TreeSet<>();
            for (String p : rule.disabledPlans.split(";")) {
                if (!p.isBlank()) {
                    d.add(p);
                }
            }
            Set<String> cur = disabled.get(rule.sku);
            if (cur == null) {
                disabled.put(rule.sku, d);
                by.put(rule.sku, rule.group);
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

    private static int pick(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int k = 0; k < weights.length; k++) {
            x -= weights[k];
            if (x < 0) {
                return k;
            }
        }
        return weights.length - 1;
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

    static BigDecimal price(String sku) {
        return new BigDecimal(PRICES.get(sku));
    }
}
