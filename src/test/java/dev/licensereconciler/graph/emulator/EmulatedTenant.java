package dev.licensereconciler.graph.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One tenant's directory and licensing state, as Graph keeps it. Every method holds the tenant's lock, so a
 * request sees and changes a consistent state; Graph's own per-request atomicity for assignLicense is kept:
 * a refused call changes nothing.
 */
public final class EmulatedTenant {

    /** Answer of a Graph operation: HTTP status and JSON body (a Map), without transport concerns. */
    record Answer(int status, Map<String, Object> body) {
    }

    /** The properties the emulator keeps per entity, in the order it answers them ($select takes any of them). */
    static final Set<String> USER_PROPERTIES = Set.of("businessPhones", "displayName", "givenName", "jobTitle", "mail",
            "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
            "accountEnabled", "userType", "usageLocation", "department", "country", "assignedLicenses",
            "licenseAssignmentStates", "createdDateTime", "signInActivity");
    static final Set<String> GROUP_PROPERTIES = Set.of("id", "displayName", "groupTypes", "mailEnabled",
            "securityEnabled", "assignedLicenses");
    static final Set<String> SKU_PROPERTIES = Set.of("accountName", "accountId", "appliesTo", "capabilityStatus",
            "consumedUnits", "id", "prepaidUnits", "servicePlans", "skuId", "skuPartNumber", "subscriptionIds");

    private static final String ACTIVE = "Active";
    private static final String ERROR = "Error";

    private static final class Sku {
        final String skuId;
        final String skuPartNumber;
        final Map<String, String> planIdsByName;
        final int enabled;
        final int warning;
        final int suspended;
        final int lockedOut;
        final String capabilityStatus;
        final String appliesTo;
        final String subscriptionId = UUID.randomUUID().toString();
        int consumed;

        Sku(String skuId, String skuPartNumber, Map<String, String> planIdsByName, int enabled, int warning,
                int suspended, int lockedOut, String capabilityStatus, String appliesTo) {
            this.skuId = skuId;
            this.skuPartNumber = skuPartNumber;
            this.planIdsByName = new LinkedHashMap<>(planIdsByName);
            this.enabled = enabled;
            this.warning = warning;
            this.suspended = suspended;
            this.lockedOut = lockedOut;
            this.capabilityStatus = capabilityStatus;
            this.appliesTo = appliesTo;
        }

        /** Per the subscribedSku docs, units in enabled and warning state can be assigned. */
        int available() {
            return enabled + warning - consumed;
        }

        boolean hasPlan(String planId) {
            return planIdsByName.values().stream().anyMatch(id -> id.equalsIgnoreCase(planId));
        }
    }

    private static final class User {
        final String id;
        final String userPrincipalName;
        final String userType;
        final boolean accountEnabled;
        final String usageLocation;
        final String department;
        final String country;
        final List<LicenseAssignmentState> states = new ArrayList<>();
        final Set<String> groups = new LinkedHashSet<>();
        final Map<Workload, LocalDate> lastActivity = new EnumMap<>(Workload.class);
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant lastSignIn;
        Instant lastNonInteractiveSignIn;

        User(String id, String userPrincipalName, String userType, boolean accountEnabled, String usageLocation,
                String department, String country) {
            this.id = id;
            this.userPrincipalName = userPrincipalName;
            this.userType = userType;
            this.accountEnabled = accountEnabled;
            this.usageLocation = usageLocation;
            this.department = department;
            this.country = country;
        }

        String displayName() {
            int at = userPrincipalName.indexOf('@');
            return at < 0 ? userPrincipalName : userPrincipalName.substring(0, at);
        }
    }

    private static final class Group {
        final String id;
        final String displayName;
        final Set<String> members = new LinkedHashSet<>();
        final Map<String, Set<String>> licenses = new LinkedHashMap<>();

        Group(String id, String displayName) {
            this.id = id;
            this.displayName = displayName;
        }
    }

    /**
     * The workloads of the Microsoft 365 active users report, in its column order
     * (reportroot-getoffice365activeuserdetail.md), each with the service plans whose license makes its "Has ...
     * License" column True.
     */
    public enum Workload {
        EXCHANGE("Exchange", "EXCHANGE_"), ONEDRIVE("OneDrive", "SHAREPOINT"), SHAREPOINT("SharePoint", "SHAREPOINT"),
        SKYPE_FOR_BUSINESS("Skype For Business", "MCO"), YAMMER("Yammer", "YAMMER_"), TEAMS("Teams", "TEAMS");

        final String column;
        final String planPrefix;

        Workload(String column, String planPrefix) {
            this.column = column;
            this.planPrefix = planPrefix;
        }
    }

    /** The report's columns, as the documentation lists them. */
    static final List<String> ACTIVE_USER_DETAIL_COLUMNS = activeUserDetailColumns();

    private static List<String> activeUserDetailColumns() {
        List<String> columns = new ArrayList<>(List.of("Report Refresh Date", "User Principal Name", "Display Name",
                "Is Deleted", "Deleted Date"));
        for (Workload w : Workload.values()) {
            columns.add("Has " + w.column + " License");
        }
        for (Workload w : Workload.values()) {
            columns.add(w.column + " Last Activity Date");
        }
        for (Workload w : Workload.values()) {
            columns.add(w.column + " License Assign Date");
        }
        columns.add("Assigned Products");
        return List.copyOf(columns);
    }

    private final String tenantId;
    // Entra ID P1/P2: signInActivity is served only to premium tenants.
    private boolean premium = true;
    // The admin center's report privacy setting (adminReportSettings.displayConcealedNames).
    private boolean displayConcealedNames;
    private LocalDate reportRefreshDate;
    private final Map<String, Sku> skus = new LinkedHashMap<>();
    private final Map<String, User> usersById = new LinkedHashMap<>();
    private final Map<String, User> usersByUpn = new HashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> conflicts = new HashMap<>();

    EmulatedTenant(String tenantId) {
        this.tenantId = tenantId;
    }

    // ---------------------------------------------------------------- set-up API (tests)

    /**
     * Adds a subscribed SKU; returns its skuId. {@code capabilityStatus} is Enabled, Warning, Suspended, Deleted or
     * LockedOut; {@code appliesTo} User or Company.
     */
    public synchronized String addSku(String skuPartNumber, String skuId, Map<String, String> servicePlanNameToId,
            int enabled, int warning, int suspended, int lockedOut, String capabilityStatus, String appliesTo) {
        String key = key(skuId);
        if (skus.containsKey(key)) {
            throw new IllegalArgumentException("SKU " + skuId + " is already subscribed in this tenant");
        }
        skus.put(key, new Sku(skuId, skuPartNumber, servicePlanNameToId, enabled, warning, suspended, lockedOut,
                capabilityStatus, appliesTo));
        return skuId;
    }

    /** Adds a user; returns its object id. {@code usageLocation} null means none is set. */
    public synchronized String addUser(String upn, String userType, boolean accountEnabled, String usageLocation,
            String department, String country) {
        if (usersByUpn.containsKey(key(upn))) {
            throw new IllegalArgumentException("User " + upn + " already exists in this tenant");
        }
        User user = new User(UUID.randomUUID().toString(), upn, userType, accountEnabled, usageLocation, department,
                country);
        usersById.put(user.id, user);
        usersByUpn.put(key(upn), user);
        return user.id;
    }

    public synchronized String addGroup(String displayName) {
        Group group = new Group(UUID.randomUUID().toString(), displayName);
        groups.put(group.id, group);
        return group.id;
    }

    /** Adds a user or group as a direct member. Group-based licenses apply to direct user members only (as Entra). */
    public synchronized void addMember(String groupId, String memberId) {
        Group group = group(groupId);
        if (!usersById.containsKey(memberId) && !groups.containsKey(memberId)) {
            throw new IllegalArgumentException("No user or group " + memberId + " in this tenant");
        }
        group.members.add(memberId);
        User user = usersById.get(memberId);
        if (user != null) {
            user.groups.add(groupId);
            applyGroupLicenses(user);
        }
    }

    public synchronized void removeMember(String groupId, String memberId) {
        Group group = group(groupId);
        group.members.remove(memberId);
        User user = usersById.get(memberId);
        if (user != null) {
            user.groups.remove(groupId);
            applyGroupLicenses(user);
        }
    }

    /** Group-based licensing: the group's user members get (and keep while members) an inherited assignment. */
    public synchronized void addGroupLicense(String groupId, String skuId, Set<String> disabledPlanIds) {
        Group group = group(groupId);
        Sku sku = sku(skuId);
        for (String plan : disabledPlanIds) {
            if (!sku.hasPlan(plan)) {
                throw new IllegalArgumentException("Plan " + plan + " does not belong to SKU " + skuId);
            }
        }
        group.licenses.put(key(skuId), lower(disabledPlanIds));
        for (String member : group.members) {
            User user = usersById.get(member);
            if (user != null) {
                applyGroupLicenses(user);
            }
        }
    }

    /** Sets up a direct license as if it had been assigned earlier; bounded by seats like assignLicense. */
    public synchronized void assignDirect(String userId, String skuId, Set<String> disabledPlanIds) {
        Map<String, Object> add = new LinkedHashMap<>();
        add.put("skuId", skuId);
        add.put("disabledPlans", new ArrayList<>(disabledPlanIds));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("addLicenses", List.of(add));
        body.put("removeLicenses", List.of());
        Answer answer = assignLicense(userId, body);
        if (answer.status() != 200) {
            throw new IllegalStateException("assignDirect(" + userId + ", " + skuId + ") refused: " + answer.body());
        }
    }

    /** Plans A and B cannot both be enabled for one user (MutuallyExclusiveViolation). */
    public synchronized void conflict(String planIdA, String planIdB) {
        conflicts.computeIfAbsent(key(planIdA), k -> new HashSet<>()).add(key(planIdB));
        conflicts.computeIfAbsent(key(planIdB), k -> new HashSet<>()).add(key(planIdA));
    }

    /** When the account was created (createdDateTime); addUser sets the moment it was called. */
    public synchronized void created(String userId, Instant when) {
        user(userId).created = when.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A sign-in of the user (signInActivity); an interactive one also counts as the last successful one. */
    public synchronized void signedIn(String userId, Instant when, boolean interactive) {
        User user = user(userId);
        if (interactive) {
            user.lastSignIn = when.truncatedTo(ChronoUnit.SECONDS);
        } else {
            user.lastNonInteractiveSignIn = when.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** The user's last activity in a workload, as the usage reports record it (a day, no time). */
    public synchronized void active(String userId, Workload workload, LocalDate day) {
        user(userId).lastActivity.put(workload, day);
    }

    /** Whether the tenant has Microsoft Entra ID P1/P2 (signInActivity needs it); true unless set. */
    public synchronized void premium(boolean premium) {
        this.premium = premium;
    }

    /** The report privacy setting: true conceals user names in every usage report (hashes instead of UPNs). */
    public synchronized void displayConcealedNames(boolean conceal) {
        this.displayConcealedNames = conceal;
    }

    /** The usage reports' refresh date; today (UTC) unless set. */
    public synchronized void reportRefreshed(LocalDate day) {
        this.reportRefreshDate = day;
    }

    // ---------------------------------------------------------------- inspection API (tests)

    public synchronized List<AssignedLicense> assignedLicenses(String userId) {
        return assignedLicenses(user(userId));
    }

    public synchronized List<LicenseAssignmentState> licenseAssignmentStates(String userId) {
        return List.copyOf(user(userId).states);
    }

    public synchronized int consumedUnits(String skuId) {
        return sku(skuId).consumed;
    }

    public String tenantId() {
        return tenantId;
    }

    // ---------------------------------------------------------------- Graph operations (emulator)

    /** User objects in creation order, each as the full property map; the server selects and pages. */
    synchronized List<Map<String, Object>> userObjects() {
        List<Map<String, Object>> out = new ArrayList<>(usersById.size());
        for (User user : usersById.values()) {
            out.add(userObject(user));
        }
        return out;
    }

    /** By object id or userPrincipalName, as GET /users/{id | userPrincipalName}; null if absent. */
    synchronized Map<String, Object> userObject(String idOrUpn) {
        User user = find(idOrUpn);
        return user == null ? null : userObject(user);
    }

    synchronized List<Map<String, Object>> groupObjects() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Group group : groups.values()) {
            out.add(groupObject(group));
        }
        return out;
    }

    synchronized Map<String, Object> groupObject(String groupId) {
        Group group = groups.get(groupId);
        return group == null ? null : groupObject(group);
    }

    /** Direct members as directoryObjects with @odata.type; null if the group does not exist. */
    synchronized List<Map<String, Object>> memberObjects(String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String member : group.members) {
            User user = usersById.get(member);
            Map<String, Object> object = new LinkedHashMap<>();
            if (user != null) {
                object.put("@odata.type", "#microsoft.graph.user");
                object.putAll(userObject(user));
            } else {
                object.put("@odata.type", "#microsoft.graph.group");
                object.putAll(groupObject(groups.get(member)));
            }
            out.add(object);
        }
        return out;
    }

    /** subscribedSku objects shaped as the subscribedsku-list example. */
    synchronized List<Map<String, Object>> subscribedSkuObjects() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Sku sku : skus.values()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("accountName", "Emulated account");
            o.put("accountId", tenantId);
            o.put("appliesTo", sku.appliesTo);
            o.put("capabilityStatus", sku.capabilityStatus);
            o.put("consumedUnits", sku.consumed);
            o.put("id", tenantId + "_" + sku.skuId);
            Map<String, Object> prepaid = new LinkedHashMap<>();
            prepaid.put("enabled", sku.enabled);
            prepaid.put("lockedOut", sku.lockedOut);
            prepaid.put("suspended", sku.suspended);
            prepaid.put("warning", sku.warning);
            o.put("prepaidUnits", prepaid);
            List<Object> plans = new ArrayList<>();
            for (Map.Entry<String, String> plan : sku.planIdsByName.entrySet()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("servicePlanId", plan.getValue());
                p.put("servicePlanName", plan.getKey());
                p.put("provisioningStatus", "Success");
                p.put("appliesTo", sku.appliesTo);
                plans.add(p);
            }
            o.put("servicePlans", plans);
            o.put("skuId", sku.skuId);
            o.put("skuPartNumber", sku.skuPartNumber);
            o.put("subscriptionIds", List.of(sku.subscriptionId));
            out.add(o);
        }
        return out;
    }

    synchronized boolean premium() {
        return premium;
    }

    /**
     * The rows of the Microsoft 365 active users detail report (without its header), one per user, as the
     * admin center's export and Graph's download write them: dates as YYYY-MM-DD, flags True/False, products
     * joined by '+'. With concealed names the user principal and display names are replaced by the same hash in
     * every report, as the report privacy setting does. Handed over one by one (under the tenant's lock), so a
     * large tenant's report is never held whole.
     */
    synchronized void activeUserDetailRows(Consumer<List<String>> rows) {
        LocalDate refreshed = reportRefreshDate != null ? reportRefreshDate : LocalDate.now(ZoneOffset.UTC);
        for (User user : usersById.values()) {
            List<String> row = new ArrayList<>(ACTIVE_USER_DETAIL_COLUMNS.size());
            row.add(refreshed.toString());
            row.add(displayConcealedNames ? conceal(user.userPrincipalName) : user.userPrincipalName);
            row.add(displayConcealedNames ? conceal(user.displayName()) : user.displayName());
            row.add("False");
            row.add("");
            Set<String> enabledPlans = new LinkedHashSet<>();
            List<String> products = new ArrayList<>();
            for (AssignedLicense license : assignedLicenses(user)) {
                Sku sku = sku(license.skuId());
                products.add(sku.skuPartNumber);
                sku.planIdsByName.forEach((name, id) -> {
                    if (!license.disabledPlans().contains(key(id))) {
                        enabledPlans.add(name);
                    }
                });
            }
            for (Workload w : Workload.values()) {
                boolean has = enabledPlans.stream().anyMatch(p -> p.startsWith(w.planPrefix));
                row.add(has ? "True" : "False");
            }
            for (Workload w : Workload.values()) {
                LocalDate day = user.lastActivity.get(w);
                row.add(day == null ? "" : day.toString());
            }
            for (int i = 0; i < Workload.values().length; i++) {
                row.add("");
            }
            row.add(String.join("+", products));
            rows.accept(row);
        }
    }

    /** An MD5 hex digest in capitals: what concealed reports show instead of a name. */
    private static String conceal(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(name.toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02X", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * POST /users/{id | userPrincipalName}/assignLicense. Validates the whole call before changing anything, so a
     * refused call leaves the user and the seat counts as they were; answers the user object on success.
     */
    synchronized Answer assignLicense(String idOrUpn, Map<String, Object> body) {
        List<String> missing = new ArrayList<>();
        if (!(body.get("addLicenses") instanceof List)) {
            missing.add("addLicenses");
        }
        if (!(body.get("removeLicenses") instanceof List)) {
            missing.add("removeLicenses");
        }
        if (!missing.isEmpty()) {
            return GraphErrors.badRequest("One or more parameters of the function import 'assignLicense' are missing"
                    + " from the request payload. The missing parameters are: " + String.join(", ", missing) + ".");
        }
        User user = find(idOrUpn);
        if (user == null) {
            return GraphErrors.notFound(idOrUpn);
        }
        Map<String, Set<String>> adds = new LinkedHashMap<>();
        for (Object item : (List<?>) body.get("addLicenses")) {
            if (!(item instanceof Map<?, ?> license) || !(license.get("skuId") instanceof String skuId)) {
                return GraphErrors.badRequest("Invalid value specified for property 'skuId' of resource"
                        + " 'AssignedLicense'.");
            }
            Sku sku = skus.get(key(skuId));
            if (sku == null) {
                return GraphErrors.badRequest("License " + skuId + " does not correspond to a valid company License.");
            }
            Set<String> disabled = new TreeSet<>();
            Object plans = license.get("disabledPlans");
            if (plans instanceof List<?> list) {
                for (Object plan : list) {
                    if (!(plan instanceof String planId) || !sku.hasPlan(planId)) {
                        return GraphErrors.badRequest("Service plan " + plan + " does not belong to the subscription"
                                + " of license " + sku.skuId + " (" + sku.skuPartNumber + ").");
                    }
                    disabled.add(key(planId));
                }
            }
            adds.put(key(skuId), disabled);
        }
        Set<String> removes = new LinkedHashSet<>();
        for (Object item : (List<?>) body.get("removeLicenses")) {
            if (!(item instanceof String skuId)) {
                return GraphErrors.badRequest("Invalid value specified for property 'removeLicenses' of resource"
                        + " 'User'.");
            }
            if (!skus.containsKey(key(skuId))) {
                return GraphErrors.badRequest("License " + skuId + " does not correspond to a valid company License.");
            }
            if (direct(user, skuId) == null) {
                if (user.states.stream().anyMatch(s -> s.skuId().equalsIgnoreCase(skuId))) {
                    return GraphErrors.badRequest("User license is inherited from a group membership and it cannot be"
                            + " removed directly from the user.");
                }
                return GraphErrors.badRequest("User does not have a corresponding license.");
            }
            removes.add(key(skuId));
        }
        if (!adds.isEmpty() && (user.usageLocation == null || user.usageLocation.isBlank())) {
            return GraphErrors.badRequest("License assignment cannot be done for user with invalid usage location.");
        }

        List<LicenseAssignmentState> next = new ArrayList<>();
        for (LicenseAssignmentState s : user.states) {
            boolean directChanged = s.assignedByGroup() == null
                    && (removes.contains(key(s.skuId())) || adds.containsKey(key(s.skuId())));
            if (!directChanged) {
                next.add(s);
            }
        }
        for (Map.Entry<String, Set<String>> add : adds.entrySet()) {
            next.add(new LicenseAssignmentState(sku(add.getKey()).skuId, add.getValue(), null, ACTIVE, null));
        }
        Set<String> heldBefore = activeSkus(user.states);
        Set<String> heldAfter = activeSkus(next);
        for (String skuKey : heldAfter) {
            Sku sku = skus.get(skuKey);
            if (!heldBefore.contains(skuKey) && sku.available() < 1) {
                return GraphErrors.badRequest("Subscription with SKU " + sku.skuId
                        + " does not have any available licenses.");
            }
        }
        String[] conflict = conflictIn(next, adds.keySet());
        if (conflict != null) {
            return GraphErrors.badRequest("License assignment failed because service plans " + conflict[0] + ","
                    + conflict[1] + " are mutually exclusive.");
        }
        replaceStates(user, next);
        // Removing a direct assignment may free seats that errored group assignments of this user wait for.
        applyGroupLicenses(user);
        return new Answer(200, userObject(user));
    }

    /** Object id of the user, for the request log; null if absent. */
    synchronized String userId(String idOrUpn) {
        User user = find(idOrUpn);
        return user == null ? null : user.id;
    }

    // ---------------------------------------------------------------- internals

    private void applyGroupLicenses(User user) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (String groupId : user.groups) {
            Group group = groups.get(groupId);
            for (Map.Entry<String, Set<String>> license : group.licenses.entrySet()) {
                wanted.put(license.getKey() + "|" + groupId, license.getValue());
            }
        }
        List<LicenseAssignmentState> next = new ArrayList<>();
        for (LicenseAssignmentState s : user.states) {
            if (s.assignedByGroup() == null) {
                next.add(s);
            } else if (wanted.containsKey(key(s.skuId()) + "|" + s.assignedByGroup()) && ACTIVE.equals(s.state())) {
                next.add(s);
                wanted.remove(key(s.skuId()) + "|" + s.assignedByGroup());
            }
        }
        // Errored inherited assignments are evaluated again, as Entra reprocesses them when seats free up.
        for (Map.Entry<String, Set<String>> w : wanted.entrySet()) {
            String[] parts = w.getKey().split("\\|");
            Sku sku = skus.get(parts[0]);
            LicenseAssignmentState candidate = new LicenseAssignmentState(sku.skuId, w.getValue(), parts[1], ACTIVE,
                    null);
            List<LicenseAssignmentState> trial = new ArrayList<>(next);
            trial.add(candidate);
            String error = null;
            if (!activeSkus(next).contains(key(sku.skuId)) && sku.available() < 1) {
                error = "CountViolation";
            } else if (conflictIn(trial, Set.of(key(sku.skuId))) != null) {
                error = "MutuallyExclusiveViolation";
            }
            next.add(error == null ? candidate
                    : new LicenseAssignmentState(sku.skuId, w.getValue(), parts[1], ERROR, error));
        }
        replaceStates(user, next);
    }

    /** Replaces a user's states and moves consumedUnits by the SKUs the user newly holds or no longer holds. */
    private void replaceStates(User user, List<LicenseAssignmentState> next) {
        Set<String> before = activeSkus(user.states);
        Set<String> after = activeSkus(next);
        for (String skuKey : before) {
            if (!after.contains(skuKey)) {
                skus.get(skuKey).consumed--;
            }
        }
        for (String skuKey : after) {
            if (!before.contains(skuKey)) {
                skus.get(skuKey).consumed++;
            }
        }
        user.states.clear();
        user.states.addAll(next);
    }

    private static Set<String> activeSkus(Collection<LicenseAssignmentState> states) {
        Set<String> out = new LinkedHashSet<>();
        for (LicenseAssignmentState s : states) {
            if (ACTIVE.equals(s.state())) {
                out.add(key(s.skuId()));
            }
        }
        return out;
    }

    /** A pair of mutually exclusive plans enabled by the active states, one of them from {@code newSkus}; or null. */
    private String[] conflictIn(List<LicenseAssignmentState> states, Set<String> newSkus) {
        if (conflicts.isEmpty()) {
            return null;
        }
        Map<String, String> enabledPlanOwner = new LinkedHashMap<>();
        List<String[]> enabled = new ArrayList<>();
        for (LicenseAssignmentState s : states) {
            if (!ACTIVE.equals(s.state())) {
                continue;
            }
            Sku sku = skus.get(key(s.skuId()));
            for (String plan : sku.planIdsByName.values()) {
                String planKey = key(plan);
                if (!s.disabledPlans().contains(planKey)) {
                    enabled.add(new String[] {planKey, key(s.skuId())});
                    enabledPlanOwner.putIfAbsent(planKey, key(s.skuId()));
                }
            }
        }
        for (String[] planAndSku : enabled) {
            if (!newSkus.contains(planAndSku[1])) {
                continue;
            }
            for (String other : conflicts.getOrDefault(planAndSku[0], Set.of())) {
                if (enabledPlanOwner.containsKey(other)) {
                    return new String[] {other, planAndSku[0]};
                }
            }
        }
        return null;
    }

    private static LicenseAssignmentState direct(User user, String skuId) {
        for (LicenseAssignmentState s : user.states) {
            if (s.assignedByGroup() == null && s.skuId().equalsIgnoreCase(skuId)) {
                return s;
            }
        }
        return null;
    }

    /** One entry per SKU held; a plan is disabled only if every active assignment of the SKU disables it. */
    private List<AssignedLicense> assignedLicenses(User user) {
        Map<String, Set<String>> bySku = new LinkedHashMap<>();
        Map<String, String> skuIds = new HashMap<>();
        for (LicenseAssignmentState s : user.states) {
            if (!ACTIVE.equals(s.state())) {
                continue;
            }
            String k = key(s.skuId());
            skuIds.putIfAbsent(k, s.skuId());
            Set<String> current = bySku.get(k);
            if (current == null) {
                bySku.put(k, new TreeSet<>(s.disabledPlans()));
            } else {
                current.retainAll(s.disabledPlans());
            }
        }
        List<AssignedLicense> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : bySku.entrySet()) {
            out.add(new AssignedLicense(skuIds.get(e.getKey()), Set.copyOf(e.getValue())));
        }
        return List.copyOf(out);
    }

    private Map<String, Object> userObject(User user) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("businessPhones", List.of());
        o.put("displayName", user.displayName());
        o.put("givenName", null);
        o.put("jobTitle", null);
        o.put("mail", "Guest".equals(user.userType) ? null : user.userPrincipalName);
        o.put("mobilePhone", null);
        o.put("officeLocation", null);
        o.put("preferredLanguage", null);
        o.put("surname", null);
        o.put("userPrincipalName", user.userPrincipalName);
        o.put("id", user.id);
        o.put("accountEnabled", user.accountEnabled);
        o.put("userType", user.userType);
        o.put("usageLocation", user.usageLocation);
        o.put("department", user.department);
        o.put("country", user.country);
        List<Object> assigned = new ArrayList<>();
        for (AssignedLicense license : assignedLicenses(user)) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("disabledPlans", new ArrayList<>(new TreeSet<>(license.disabledPlans())));
            l.put("skuId", license.skuId());
            assigned.add(l);
        }
        o.put("assignedLicenses", assigned);
        List<Object> states = new ArrayList<>();
        String updated = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (LicenseAssignmentState s : user.states) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("assignedByGroup", s.assignedByGroup());
            l.put("disabledPlans", new ArrayList<>(new TreeSet<>(s.disabledPlans())));
            l.put("error", s.error());
            l.put("lastUpdatedDateTime", updated);
            l.put("skuId", s.skuId());
            l.put("state", s.state());
            states.add(l);
        }
        o.put("licenseAssignmentStates", states);
        o.put("createdDateTime", user.created.toString());
        o.put("signInActivity", signInActivity(user));
        return o;
    }

    /** The signInActivity resource (resources/signinactivity.md); nulls for a user who never signed in. */
    private static Map<String, Object> signInActivity(User user) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lastSignInDateTime", user.lastSignIn == null ? null : user.lastSignIn.toString());
        o.put("lastSignInRequestId", user.lastSignIn == null ? null : UUID.nameUUIDFromBytes(
                (user.id + user.lastSignIn).getBytes(StandardCharsets.UTF_8)).toString());
        o.put("lastNonInteractiveSignInDateTime", user.lastNonInteractiveSignIn == null ? null
                : user.lastNonInteractiveSignIn.toString());
        o.put("lastNonInteractiveSignInRequestId", user.lastNonInteractiveSignIn == null ? null
                : UUID.nameUUIDFromBytes((user.id + user.lastNonInteractiveSignIn).getBytes(StandardCharsets.UTF_8))
                        .toString());
        o.put("lastSuccessfulSignInDateTime", user.lastSignIn == null ? null : user.lastSignIn.toString());
        o.put("lastSuccessfulSignInRequestId", o.get("lastSignInRequestId"));
        return o;
    }

    private Map<String, Object> groupObject(Group group) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", group.id);
        o.put("displayName", group.displayName);
        o.put("groupTypes", List.of());
        o.put("mailEnabled", false);
        o.put("securityEnabled", true);
        List<Object> assigned = new ArrayList<>();
        for (Map.Entry<String, Set<String>> license : group.licenses.entrySet()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("disabledPlans", new ArrayList<>(license.getValue()));
            l.put("skuId", skus.get(license.getKey()).skuId);
            assigned.add(l);
        }
        o.put("assignedLicenses", assigned);
        return o;
    }

    private User find(String idOrUpn) {
        User user = usersById.get(idOrUpn);
        if (user == null) {
            user = usersById.get(idOrUpn.toLowerCase(Locale.ROOT));
        }
        return user != null ? user : usersByUpn.get(key(idOrUpn));
    }

    private User user(String userId) {
        User user = find(userId);
        if (user == null) {
            throw new IllegalArgumentException("No user " + userId + " in this tenant");
        }
        return user;
    }

    private Group group(String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            throw new IllegalArgumentException("No group " + groupId + " in this tenant");
        }
        return group;
    }

    private Sku sku(String skuId) {
        Sku sku = skus.get(key(skuId));
        if (sku == null) {
            throw new IllegalArgumentException("No SKU " + skuId + " subscribed in this tenant");
        }
        return sku;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static Set<String> lower(Set<String> ids) {
        Set<String> out = new TreeSet<>();
        for (String id : ids) {
            out.add(key(id));
        }
        return out;
    }
}
