package dev.licensereconciler.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant as the exports describe it, with every reference resolved: users (indexed 0..n-1),
 * direct group memberships, license rules, subscriptions and current licenses, plus the catalog
 * and service-plan rules they were checked against. Ingest builds it row by row with the
 * {@link Builder}; the engine only reads it.
 *
 * <p>Sized for a million users, its storage is its own: users column by column
 * ({@link UserColumns}, object ids that are GUIDs as two longs by {@link GuidCodec}), found by UPN
 * or object id through an {@link OpenAddressingIndex}; current licenses in one flat
 * {@link LicenseTable}; group members as int arrays.
 */
public final class TenantSnapshot {

    private final Catalog catalog;
    private final ServicePlanRules planRules;
    private final UserColumns users;
    private final Map<String, int[]> membersByGroup;
    private final List<LicenseRule> rules;
    private final List<Subscription> subscriptions;
    private final LicenseTable licenses;
    private final Set<String> subscribedSkus;
    private final Map<String, String> groupAliases;
    private final ActivityColumns activity;
    /** Per product (normalized SKU), the users whose license of it a rule row that could not be read freezes. */
    private final Map<String, BitSet> frozen;
    private final List<LicenseRule> frozenRules;

    private TenantSnapshot(Builder b) {
        this.catalog = b.catalog;
        this.planRules = b.planRules;
        this.users = b.users;
        Map<String, int[]> groups = new LinkedHashMap<>();
        b.members.forEach((g, list) -> groups.put(g, list.trimmed()));
        this.membersByGroup = groups;
        this.rules = List.copyOf(b.rules);
        this.subscriptions = List.copyOf(b.subscriptions);
        this.licenses = b.licenses.build();
        this.subscribedSkus = Set.copyOf(b.subscribedSkus);
        this.groupAliases = Map.copyOf(b.groupAliases);
        this.activity = b.activity;
        Map<String, BitSet> frozenUsers = new HashMap<>();
        for (LicenseRule rule : b.frozenRules) {
            BitSet users = frozenUsers.computeIfAbsent(Keys.normalize(rule.sku()), k -> new BitSet());
            for (int u : membersOf(rule.group())) {
                users.set(u);
            }
        }
        this.frozen = frozenUsers;
        this.frozenRules = List.copyOf(b.frozenRules);
    }

    public static Builder builder(Catalog catalog, ServicePlanRules planRules) {
        return new Builder(catalog, planRules);
    }

    public Catalog catalog() {
        return catalog;
    }

    public ServicePlanRules planRules() {
        return planRules;
    }

    public int userCount() {
        return users.size();
    }

    public TenantUser user(int index) {
        return users.get(index);
    }

    /** The UPN of a user, as {@code user(index).upn()} without building the user. */
    public String upn(int index) {
        return users.upn(index);
    }

    /** The user's department as users.csv gives it; empty when none. */
    public String department(int index) {
        return users.department(index);
    }

    /** The user's usage location, as {@code user(index).usageLocation()} without building the user. */
    public String usageLocation(int index) {
        return users.usageLocation(index);
    }

    boolean blocked(int index) {
        return users.blocked(index);
    }

    /** Index of a user by UPN (any casing) or object id; -1 when unknown. */
    public int userIndex(String upnOrObjectId) {
        return users.find(upnOrObjectId);
    }

    /** Direct members of a group (name or alias, any casing), as user indexes; empty when unknown. */
    public int[] membersOf(String group) {
        int[] m = membersByGroup.get(Keys.normalize(group));
        return m == null ? new int[0] : m;
    }

    /** The key a group is known by (rules name groups by it): an alias (object id) maps to its group. */
    String groupKey(String group) {
        String k = Keys.normalize(group);
        return groupAliases.getOrDefault(k, k);
    }

    /**
     * Rule rows whose group and product were read but not the rest (RULE_UNREADABLE): they still
     * name their group for the product, so its paths stay the job's, not inherited (R3a).
     */
    List<LicenseRule> frozenRules() {
        return frozenRules;
    }

    public List<LicenseRule> rules() {
        return rules;
    }

    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Whether purchases.csv has a subscription (any status) for the product. */
    public boolean subscribesTo(Product product) {
        return subscribedSkus.contains(Keys.normalize(product.skuId()));
    }

    /**
     * Whether the user's license of the product is frozen for the run: the user is a member of a
     * group whose rule row for that product could not be read ({@link Builder#freezeRule}).
     */
    public boolean frozen(int user, String sku) {
        if (frozen.isEmpty()) {
            return false;
        }
        BitSet users = frozen.get(Keys.normalize(sku));
        return users != null && users.get(user);
    }

    /** Current licenses of a user, at most one per product (with all its paths). */
    public List<CurrentLicense> licensesOf(int user) {
        return licenses.of(user);
    }

    /** Whether an activity report (activity.csv) was read: without one nobody is judged inactive. */
    public boolean hasActivityReport() {
        return activity.hasReport();
    }

    /** The activity report's refresh date, from which inactivity is counted; null without a report. */
    public LocalDate activityRefreshDate() {
        return activity.refreshDate();
    }

    /**
     * Days the user showed no activity before the report's refresh date (latest workload or sign-in
     * date; a user never active from the account's creation); -1 when it cannot be told.
     */
    public int daysInactive(int user) {
        return activity.daysInactive(user);
    }

    /** The user's last activity (or, never active, the account's creation); null when unknown. */
    public LocalDate lastActive(int user) {
        return activity.lastActive(user);
    }

    /** Accumulates a snapshot while ingest streams the files; reports duplicates to the caller. */
    public static final class Builder {
        private final Catalog catalog;
        private final ServicePlanRules planRules;
        private final UserColumns users = new UserColumns();
        private final Map<String, String> groupAliases = new HashMap<>();
        private final Map<String, IntList> members = new LinkedHashMap<>();
        private final List<LicenseRule> rules = new ArrayList<>();
        private final List<Subscription> subscriptions = new ArrayList<>();
        private final LicenseTable.Builder licenses = new LicenseTable.Builder();
        private final Set<String> subscribedSkus = new HashSet<>();
        private final ActivityColumns activity = new ActivityColumns();
        private final List<LicenseRule> frozenRules = new ArrayList<>();

        private Builder(Catalog catalog, ServicePlanRules planRules) {
            this.catalog = catalog;
            this.planRules = planRules;
        }

        public Catalog catalog() {
            return catalog;
        }

        /** Adds a user; returns its index, or -1 when a user with that UPN is already there. */
        public int addUser(TenantUser user) {
            return users.add(user);
        }

        /** Sets the department of a user added so far (users.csv's Department column). */
        public void department(int user, String department) {
            users.department(user, department);
        }

        /** Index of a user added so far, by UPN or object id; -1 when unknown. */
        public int userIndex(String upnOrObjectId) {
            return users.find(upnOrObjectId);
        }

        /** The UPN of a user added so far, as {@code user(index).upn()} without building the user. */
        public String upn(int index) {
            return users.upn(index);
        }

        /** Lets a group be named by another identifier, e.g. its object id besides its name. */
        public void aliasGroup(String alias, String group) {
            if (alias != null && !alias.isBlank() && !Keys.normalize(alias).equals(Keys.normalize(group))) {
                groupAliases.put(Keys.normalize(alias), Keys.normalize(group));
            }
        }

        /**
         * Adds a direct membership; returns false when it repeats the membership added last to the
         * group (exports list a group's members together, so that is where a repeat shows).
         */
        public boolean addMembership(String group, int user) {
            IntList list = members.computeIfAbsent(canonicalGroup(group), g -> new IntList());
            return list.addIfAbsentLast(user);
        }

        private String canonicalGroup(String group) {
            String k = Keys.normalize(group);
            return groupAliases.getOrDefault(k, k);
        }

        public void addRule(LicenseRule rule) {
            rules.add(new LicenseRule(canonicalGroup(rule.group()), rule.sku(), rule.disabledPlans(), rule.priority()));
        }

        /**
         * A rule row for this group and product could not be read: the licenses of the product held by
         * (or due to) the group's members are left as they are this run, rather than removed for want
         * of the rule (RULE_UNREADABLE).
         */
        public void freezeRule(String group, String sku) {
            frozenRules.add(new LicenseRule(group, sku, Plans.none(), LicenseRule.DEFAULT_PRIORITY));
        }

        public void addSubscription(Subscription subscription) {
            subscriptions.add(subscription);
            catalog.product(subscription.sku()).ifPresent(p -> subscribedSkus.add(Keys.normalize(p.skuId())));
        }

        /** Whether a subscription for the product was added so far (purchases.csv is read first). */
        public boolean subscribesTo(Product product) {
            return subscribedSkus.contains(Keys.normalize(product.skuId()));
        }

        /**
         * Adds a current license, or another path of one the user holds (one license, one seat);
         * returns false when the user already holds that product through that path.
         */
        public boolean addLicense(int user, CurrentLicense license) {
            return licenses.add(user, license);
        }

        /** Whether any current license was added (the assignments file, or else users.csv Licenses). */
        public boolean hasLicenses() {
            return !licenses.isEmpty();
        }

        /** The activity report's refresh date (the latest, should rows differ). */
        public void activityReportRefreshed(LocalDate date) {
            activity.refreshed(date);
        }

        /** The activity report lists this user, so the user's inactivity can be judged. */
        public void inActivityReport(int user) {
            activity.reported(user);
        }

        /** The user was active (a workload or a sign-in) on this day; the latest day counts. */
        public void activeOn(int user, LocalDate day) {
            activity.active(user, day);
        }

        /** The day the account was created: a user never active counts from it. */
        public void createdOn(int user, LocalDate day) {
            activity.created(user, day);
        }

        public TenantSnapshot build() {
            // Rule groups may have been aliased after their rules were added.
            rules.replaceAll(r -> new LicenseRule(canonicalGroup(r.group()), r.sku(), r.disabledPlans(), r.priority()));
            frozenRules.replaceAll(r -> new LicenseRule(canonicalGroup(r.group()), r.sku(), r.disabledPlans(), r.priority()));
            return new TenantSnapshot(this);
        }
    }
}
