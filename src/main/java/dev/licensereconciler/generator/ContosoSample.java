package dev.licensereconciler.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code sample-data/contoso/}: a {@link TenantGenerator} tenant (seed {@value #SEED},
 * {@value #USERS} users) plus hand-written showcase rows, so that one nightly run and one bulk
 * import show every kind of outcome. See {@code sample-data/contoso/README.md}.
 *
 * <pre>java -cp target/classes dev.licensereconciler.generator.ContosoSample [DIR]</pre>
 */
public final class ContosoSample {

    public static final long SEED = 2026;
    public static final int USERS = 290;
    /** Users in the bulk import's Power Automate Free request: more than 20, so two batches. */
    public static final int BULK_BATCH_USERS = 24;

    private static final String D = "@" + TenantGenerator.DOMAIN;
    static final String WILLEMIJN = "willemijn.brinkman" + D;
    static final String THOMAS = "thomas.verbruggen" + D;
    static final String OLIVIA = "olivia.grant_fabrikam.example#EXT#@contoso.onmicrosoft.com";
    static final String HENDRIK = "hendrik.kramer" + D;
    static final String NOA = "noa.vanrijn" + D;
    static final String RUUD = "ruud.hoogland" + D;
    static final String MEREL = "merel.zwart" + D;
    static final String SVEN = "sven.achterberg" + D;
    static final String JELLE = "jelle.kuiper" + D;
    static final String KARIN = "karin.oosterhuis" + D;
    static final String ROEL = "Roel.Bakels" + D; // mixed case on purpose: UPNs compare case-insensitively
    static final String ILONA = "ilona.verhagen" + D;
    static final String BASTIAAN = "bastiaan.terhorst" + D;
    static final String LOTTE = "lotte.dekker" + D;
    static final String DAAN = "daan.mulder" + D;
    static final String FLEUR = "fleur.jansen" + D;
    static final String SAM = "sam.peeters" + D;
    static final String ANOUK = "anouk.degraaf" + D;
    /** Its rule names the plans to enable; its members come from a per-group file of group-memberships/. */
    static final String BASIC_GROUP = "LIC-M365-Basic";
    /** The tenant's own group-based licensing in Entra, which no rule of the jobs names. */
    static final String TENANT_E3_GROUP = "All-Staff-E3";
    /** Copilot Studio's viral trial: a product Microsoft's catalog file does not list. */
    static final String VIRAL_TRIAL = "CCIBOTS_PRIVPREV_VIRAL";

    private ContosoSample() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-data/contoso");
        write(dir);
        System.out.println("sample tenant written to " + dir.toAbsolutePath());
    }

    public static void write(Path dir) throws IOException {
        TenantGenerator gen = new TenantGenerator(SEED);
        gen.write(dir, USERS);
        List<String> batchUsers = pickBulkUsers(dir);
        String directHolder = pickDirectHolder(dir);

        List<TenantGenerator.GeneratedUser> users = new ArrayList<>();
        List<String[]> memberships = new ArrayList<>();
        List<String[]> assignments = new ArrayList<>();

        // a manual E3 that a rule now covers: kept, and managed from now on
        var willemijn = user(gen, users, "Willemijn", "Brinkman", WILLEMIJN, 0, "Sales", "Account Manager");
        member(memberships, willemijn, "All Employees", "Dept Sales", "Office Amsterdam", "LIC-M365-E3");
        assignments.add(held(willemijn, "SPE_E3", "", "Direct"));

        // left the Project group: its managed Project Plan 3 is removed
        var thomas = user(gen, users, "Thomas", "Verbruggen", THOMAS, 6, "R&D", "Project Manager");
        member(memberships, thomas, "All Employees", "Dept R&D", "Office Antwerpen", "LIC-M365-E3");
        assignments.add(held(thomas, "SPE_E3", "", "LIC-M365-E3"));
        assignments.add(held(thomas, "PROJECTPROFESSIONAL", "", "LIC-Project-Plan3"));

        // a guest in a license group
        var olivia = user(gen, users, "Olivia", "Grant", OLIVIA, 0, "", "");
        olivia.guest = true;
        olivia.synced = false;
        olivia.usageLocation = "GB";
        member(memberships, olivia, "Project Noordzee", "LIC-PowerBI-Pro");

        // blocked: keeps E3 (reclaimable), gets no Audio Conferencing
        var hendrik = user(gen, users, "Hendrik", "Kramer", HENDRIK, 2, "Finance", "Credit Controller");
        hendrik.blocked = true;
        member(memberships, hendrik, "All Employees", "Dept Finance", "Office Rotterdam", "LIC-M365-E3",
                "LIC-Audio-Conferencing");
        assignments.add(held(hendrik, "SPE_E3", "", "LIC-M365-E3"));

        // new hire without usage location
        var noa = user(gen, users, "Noa", "van Rijn", NOA, 1, "Marketing", "Content Marketeer");
        noa.usageLocation = "";
        member(memberships, noa, "All Employees", "Dept Marketing", "Office Utrecht", "LIC-M365-E3");

        // frontline worker moved to an office job: E3 conflicts with the F3 still held
        var ruud = user(gen, users, "Ruud", "Hoogland", RUUD, 4, "Warehouse", "Shift Lead");
        member(memberships, ruud, "All Employees", "Dept Warehouse", "Office Tilburg", "LIC-M365-F3",
                "LIC-M365-E3");
        assignments.add(held(ruud, "SPE_F1", "", "LIC-M365-F3"));

        // Teams Exploratory (SharePoint Plan 1) vs the Office 365 E3 (SharePoint Plan 2) a rule gives
        var merel = user(gen, users, "Merel", "Zwart", MEREL, 0, "HR", "HR Advisor");
        member(memberships, merel, "All Employees", "Dept HR", "Office Amsterdam", "LIC-O365-E3");
        assignments.add(held(merel, "TEAMS_EXPLORATORY", "", "Direct"));

        // Power BI Premium per user exists only as a self-service purchase
        var sven = user(gen, users, "Sven", "Achterberg", SVEN, 0, "Finance", "Business Analyst");
        member(memberships, sven, "All Employees", "Dept Finance", "Office Amsterdam", "LIC-M365-E3",
                "LIC-PowerBI-PPU");
        assignments.add(held(sven, "SPE_E3", "", "LIC-M365-E3"));

        // Audio Conferencing without any Teams plan
        var jelle = user(gen, users, "Jelle", "Kuiper", JELLE, 3, "Logistics", "Dispatcher");
        member(memberships, jelle, "All Employees", "Dept Logistics", "Office Eindhoven", "LIC-Audio-Conferencing");

        // left the E3 group, but her Audio Conferencing needs the E3's Teams: removal refused
        var karin = user(gen, users, "Karin", "Oosterhuis", KARIN, 8, "Sales", "Key Account Manager");
        member(memberships, karin, "All Employees", "Dept Sales", "Office Düsseldorf", "LIC-Audio-Conferencing");
        assignments.add(held(karin, "SPE_E3", "", "LIC-M365-E3"));
        assignments.add(held(karin, "MCOMEETADV", "", "LIC-Audio-Conferencing"));

        // services changed by hand: Sway back on
        var roel = user(gen, users, "Roel", "Bakels", ROEL, 5, "IT", "System Engineer");
        member(memberships, roel, "All Employees", "Dept IT", "Office Brussel", "LIC-M365-E3");
        assignments.add(held(roel, "SPE_E3", "SWAY", "LIC-M365-E3"));

        // two rules for one product: one E3, services of both (everything on)
        var ilona = user(gen, users, "Ilona", "Verhagen", ILONA, 7, "IT", "Developer");
        member(memberships, ilona, "All Employees", "Dept IT", "Office Gent", "LIC-M365-E3-Contractors",
                "LIC-M365-E3");

        // Project Plan 5 trial expired: subscription suspended
        var bastiaan = user(gen, users, "Bastiaan", "ter Horst", BASTIAAN, 0, "Management", "Director");
        member(memberships, bastiaan, "All Employees", "Dept Management", "Office Amsterdam", "LIC-M365-E5",
                "LIC-Project-Plan5");
        assignments.add(held(bastiaan, "SPE_E5", "", "LIC-M365-E5"));

        // issue 10, real tenants: E3 inherited from an Entra group the job has no rule for: kept as it is
        var lotte = user(gen, users, "Lotte", "Dekker", LOTTE, 1, "Legal", "Legal Counsel");
        member(memberships, lotte, "All Employees", "Dept Legal", "Office Utrecht", TENANT_E3_GROUP);
        assignments.add(held(lotte, "SPE_E3", "", TENANT_E3_GROUP));

        // the same inherited E3, and a direct path left over from before group licensing: ALSO_DIRECT
        var daan = user(gen, users, "Daan", "Mulder", DAAN, 2, "Legal", "Paralegal");
        member(memberships, daan, "All Employees", "Dept Legal", "Office Rotterdam", TENANT_E3_GROUP);
        assignments.add(held(daan, "SPE_E3", "", "Direct"));
        assignments.add(held(daan, "SPE_E3", "", TENANT_E3_GROUP));

        // one E3 through two paths (the rule's group with Sway off, and directly with everything on):
        // one license, one seat, everything on, as the rule wants
        var fleur = user(gen, users, "Fleur", "Jansen", FLEUR, 0, "Marketing", "Brand Manager");
        member(memberships, fleur, "All Employees", "Dept Marketing", "Office Amsterdam", "LIC-M365-E3");
        assignments.add(held(fleur, "SPE_E3", "SWAY", "LIC-M365-E3"));
        assignments.add(held(fleur, "SPE_E3", "", "Direct"));

        // a rule naming "Microsoft 365 Business Basic", which is two products: the one purchased; the rule
        // lists the plans to enable, and its group's members come from Entra's per-group member download
        var sam = user(gen, users, "Sam", "Peeters", SAM, 6, "Facilities", "Facility Coordinator");
        member(memberships, sam, "All Employees", "Office Antwerpen");

        // issue 13: Office 365 E3 kept by hand next to the Microsoft 365 E3 of her rule, which gives every
        // service of it: reported as OVERLAP in recommendations.csv
        var anouk = user(gen, users, "Anouk", "de Graaf", ANOUK, 0, "Finance", "Controller");
        member(memberships, anouk, "All Employees", "Dept Finance", "Office Amsterdam", "LIC-M365-E3");
        assignments.add(held(anouk, "SPE_E3", "", "LIC-M365-E3"));
        assignments.add(held(anouk, "ENTERPRISEPACK", "", "Direct"));

        // a viral trial three users clicked on: not in the catalog, reported once
        gen.knownAs(VIRAL_TRIAL, "Microsoft Copilot Studio Viral Trial");
        for (var u : List.of(willemijn, sven, fleur)) {
            assignments.add(held(u, VIRAL_TRIAL, "", "Direct"));
        }

        memberships.add(new String[] {"Project Schelde", "p.devos" + D, "User"}); // not in users.csv

        List<String> userLines = new ArrayList<>();
        for (var u : users) {
            for (String[] a : assignments) {
                // The Licenses column names a product once, however many paths hold it.
                if (a[0].equals(u.upn) && u.held.stream().noneMatch(h -> h.sku().equals(a[1]))) {
                    u.held.add(new TenantGenerator.Held(a[1], a[2], a[3]));
                }
            }
            userLines.add(TenantGenerator.csvLine(u.usersRow()));
        }
        append(dir.resolve("users.csv"), userLines, "\r\n");
        Path memberFiles = Files.createDirectories(dir.resolve("group-memberships"));
        try (Writer w = Files.newBufferedWriter(memberFiles.resolve(BASIC_GROUP + ".csv"), StandardCharsets.UTF_8)) {
            w.write("Object ID,User principal name,Display name,Member type\r\n");
            w.write(sam.objectId + "," + sam.upn + ",Sam Peeters,User\r\n");
        }
        append(dir.resolve("group-memberships.csv"), lines(memberships), "\n");
        append(dir.resolve("assignments.csv"), lines(assignments), "\n");
        append(dir.resolve("group-licenses.csv"), List.of(
                "LIC-PowerBI-PPU,PBI_PREMIUM_PER_USER,,200",
                "LIC-Project-Plan5,PROJECTPREMIUM,,200",
                "LIC-PowerBI-Embedded,POWER_BI_EMBEDDED_A1,,100"), "\n");
        withEnabledPlans(dir.resolve("group-licenses.csv"), BASIC_GROUP + ",Microsoft 365 Business Basic,,150,"
                + "EXCHANGE_S_STANDARD;MCOSTANDARD;SHAREPOINTSTANDARD;SHAREPOINTWAC;TEAMS1");
        append(dir.resolve("purchases.csv"), List.of(
                "PROJECTPREMIUM,5,Suspended,Admin,it-purchasing" + D + ",51.60,EUR,3f1c2a77-7a57-4c1e-9d0b-5b0e2c6a9d11,"
                        + "2026-09-30,P1Y,false,false",
                "AAD_PREMIUM_P2,2,Enabled,Admin,security" + D + ",8.40,EUR,9b2e4c1d-0f6a-4e8b-a3c5-7d1e2f3a4b5c,"
                        + "2026-12-16,,false,true", // a trial: its 2 seats end with it
                "MCOMEETADV,twenty,Enabled,Admin,it-purchasing" + D + ",3.70,EUR,c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f,"
                        + "2026-12-19,P1Y,true,false",
                // the seats of the showcase E3 licenses of lotte, daan, fleur and anouk
                "SPE_E3,4,Enabled,Admin,it-purchasing" + D + ",33.70,EUR,5e8c2b14-7d3a-4f69-b0e1-2a9c6d4f8b37,"
                        + "2027-03-31,P1Y,true,false",
                // an AccountSkuId, as MSOnline and CSP exports name products
                "contoso:O365_BUSINESS_ESSENTIALS,5,Enabled,Admin,it-purchasing" + D
                        + ",5.60,EUR,1d4e7a90-3b2c-4f5e-8a6d-9c0b1e2f3a4d,2027-01-15,P1M,true,false"),
                "\n");

        List<String[]> requests = new ArrayList<>();
        for (String u : batchUsers) {
            requests.add(new String[] {u, "ASSIGN", "FLOW_FREE", ""});
        }
        requests.add(new String[] {WILLEMIJN, "SET_SERVICES", "SPE_E3", "SWAY;YAMMER_ENTERPRISE"});
        requests.add(new String[] {MEREL, "REPLACE", "ENTERPRISEPACK", ""});
        requests.add(new String[] {ROEL.toLowerCase(), "ASSIGN", "VISIOONLINE_PLAN1+AAD_PREMIUM_P2", ""});
        requests.add(new String[] {SVEN, "ASSIGN", "AAD_PREMIUM_P2", ""});
        requests.add(new String[] {ILONA, "ASSIGN", "AAD_PREMIUM_P2", ""});
        requests.add(new String[] {directHolder.split(",")[0], "UNASSIGN", directHolder.split(",")[1], ""});
        requests.add(new String[] {OLIVIA, "ASSIGN", "FLOW_FREE", ""});
        requests.add(new String[] {HENDRIK, "ASSIGN", "FLOW_FREE", ""});
        requests.add(new String[] {NOA, "ASSIGN", "FLOW_FREE", ""});
        requests.add(new String[] {THOMAS, "UNASSIGN", "SPE_E3", ""});
        requests.add(new String[] {THOMAS, "UNASSIGN", "VISIOCLIENT", ""});
        requests.add(new String[] {SVEN, "ASSIGN", "PBI_PREMIUM_PER_USER", ""});
        requests.add(new String[] {WILLEMIJN, "ASSIGN", "DESKLESSPACK", ""});
        requests.add(new String[] {JELLE, "ASSIGN", "MCOEV", ""});
        requests.add(new String[] {MEREL, "SET_SERVICES", "ENTERPRISEPACK", "NO_SUCH_PLAN"});
        requests.add(new String[] {"p.devos" + D, "ASSIGN", "FLOW_FREE", ""});
        requests.add(new String[] {ROEL, "ADD", "FLOW_FREE", ""});
        requests.add(new String[] {SVEN, "ASSIGN", "COPILOT_M365", ""});
        try (Writer w = Files.newBufferedWriter(dir.resolve("requests.csv"), StandardCharsets.UTF_8)) {
            w.write("user,action,sku,disabledPlans\n");
            for (String line : lines(requests)) {
                w.write(line);
                w.write('\n');
            }
        }
    }

    private static TenantGenerator.GeneratedUser user(TenantGenerator gen, List<TenantGenerator.GeneratedUser> users,
            String first, String last, String upn, int office, String dept, String title) {
        var u = gen.showcase(first, last, upn, office, dept, title);
        users.add(u);
        return u;
    }

    private static void member(List<String[]> memberships, TenantGenerator.GeneratedUser u, String... groups) {
        for (String g : groups) {
            memberships.add(new String[] {g, u.upn, "User"});
        }
    }

    private static String[] held(TenantGenerator.GeneratedUser u, String sku, String disabled, String by) {
        return new String[] {u.upn, sku, disabled, by};
    }

    /** Adds the enabledPlans column (empty for the rules so far) and a rule that uses it. */
    private static void withEnabledPlans(Path rules, String rule) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(rules, StandardCharsets.UTF_8)) {
            lines.add(lines.isEmpty() ? line + ",enabledPlans" : line + ",");
        }
        lines.add(rule);
        Files.write(rules, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> lines(List<String[]> rows) {
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(TenantGenerator.csvLine(r));
        }
        return out;
    }

    private static void append(Path file, List<String> lines, String eol) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append(eol);
        }
        Files.writeString(file, b, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Active, located, non-guest generated users with a Microsoft 365 E3 and no Power Automate Free. */
    private static List<String> pickBulkUsers(Path dir) throws IOException {
        Set<String> hasFlow = new HashSet<>();
        Set<String> hasE3 = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("assignments.csv"), StandardCharsets.UTF_8)) {
            String[] a = TenantGenerator.parseLine(line);
            if (a[1].equals("FLOW_FREE")) {
                hasFlow.add(a[0]);
            }
            if (a[1].equals("SPE_E3")) {
                hasE3.add(a[0]);
            }
        }
        List<String> picked = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("users.csv"), StandardCharsets.UTF_8)) {
            List<String> header = Arrays.asList(TenantGenerator.parseLine(r.readLine().substring(1)));
            int upn = header.indexOf("User principal name");
            int block = header.indexOf("Block credential");
            int loc = header.indexOf("Usage location");
            String line;
            while ((line = r.readLine()) != null && picked.size() < BULK_BATCH_USERS) {
                String[] u = TenantGenerator.parseLine(line);
                if (u[block].equals("False") && !u[loc].isEmpty() && !u[upn].contains("#EXT#")
                        && hasE3.contains(u[upn]) && !hasFlow.contains(u[upn])) {
                    picked.add(u[upn]);
                }
            }
        }
        return picked;
    }

    /** "upn,sku" of the first direct license of a free, admin-managed product (to unassign in bulk). */
    private static String pickDirectHolder(Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("assignments.csv"), StandardCharsets.UTF_8)) {
            String[] a = TenantGenerator.parseLine(line);
            if (a[3].equals("Direct") && (a[1].equals("FLOW_FREE") || a[1].equals("TEAMS_EXPLORATORY")
                    || a[1].equals("VISIOONLINE_PLAN1"))) {
                return a[0] + "," + a[1];
            }
        }
        throw new IllegalStateException("no direct license of a free product in the generated tenant");
    }
}
