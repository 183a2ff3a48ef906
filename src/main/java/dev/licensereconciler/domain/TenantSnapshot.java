package dev.licensereconciler.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant as the exports describe it, with every reference resolved: users (indexed 0..n-1),
 * direct group memberships, license rules, subscriptions and current licenses, plus the catalog
 * and service-plan rules they were checked against. Ingest builds it row by row with the
 * {@link Builder}; the engine only reads it.
 */
public final class TenantSnapshot {

    private final Catalog catalog;
    private final ServicePlanRules planRules;
    private final List<TenantUser> users;
    private final Map<String, Integer> userByKey;
    private final Map<String, int[]> membersByGroup;
    private final List<LicenseRule> rules;
    private final List<Subscription> subscriptions;
    private final List<List<CurrentLicense>> licenses;

    private TenantSnapshot(Builder b) {
        this.catalog = b.catalog;
        this.planRules = b.planRules;
        this.users = Collections.unmodifiableList(b.users);
        this.userByKey = b.userByKey;
        Map<String, int[]> groups = new LinkedHashMap<>();
        b.members.forEach((g, list) -> groups.put(g, list.toArray()));
        this.membersByGroup = groups;
        this.rules = List.copyOf(b.rules);
        this.subscriptions = List.copyOf(b.subscriptions);
        this.licenses = b.licenses;
    }

    public static Builder builder(Catalog catalog, ServicePlanRules planRules) {
        return new Builder(catalog, planRules);
    }

    static String key(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
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

    /** Index of a user by UPN (any casing) or object id; -1 when unknown. */
    public int userIndex(String upnOrObjectId) {
        Integer i = userByKey.get(key(upnOrObjectId));
        return i == null ? -1 : i;
    }

    /** Direct members of a group (name or alias, any casing), as user indexes; empty when unknown. */
    public int[] membersOf(String group) {
        int[] m = membersByGroup.get(key(group));
        return m == null ? new int[0] : m;
    }

    public List<LicenseRule> rules() {
        return rules;
    }

    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Current licenses of a user, at most one per product. */
    public List<CurrentLicense> licensesOf(int user) {
        List<CurrentLicense> l = user < licenses.size() ? licenses.get(user) : null;
        return l == null ? Collections.emptyList() : l;
    }

    /** Accumulates a snapshot while ingest streams the files; reports duplicates to the caller. */
    public static final class Builder {
        private final Catalog catalog;
        private final ServicePlanRules planRules;
        private final List<TenantUser> users = new ArrayList<>();
        private final Map<String, Integer> userByKey = new HashMap<>();
        private final Map<String, String> groupAliases = new HashMap<>();
        private final Map<String, IntList> members = new LinkedHashMap<>();
        private final List<LicenseRule> rules = new ArrayList<>();
        private final List<Subscription> subscriptions = new ArrayList<>();
        private final List<List<CurrentLicense>> licenses = new ArrayList<>();

        private Builder(Catalog catalog, ServicePlanRules planRules) {
            this.catalog = catalog;
            this.planRules = planRules;
        }

        public Catalog catalog() {
            return catalog;
        }

        public ServicePlanRules planRules() {
            return planRules;
        }

        /** Adds a user; returns its index, or -1 when a user with that UPN is already there. */
        public int addUser(TenantUser user) {
            String k = key(user.upn());
            if (userByKey.containsKey(k)) {
                return -1;
            }
            int index = users.size();
            users.add(user);
            userByKey.put(k, index);
            if (!user.objectId().isBlank()) {
                userByKey.putIfAbsent(key(user.objectId()), index);
            }
            return index;
        }

        /** Index of a user added so far, by UPN or object id; -1 when unknown. */
        public int userIndex(String upnOrObjectId) {
            Integer i = userByKey.get(key(upnOrObjectId));
            return i == null ? -1 : i;
        }

        public TenantUser user(int index) {
            return users.get(index);
        }

        /** Lets a group be named by another identifier, e.g. its object id besides its name. */
        public void aliasGroup(String alias, String group) {
            if (alias != null && !alias.isBlank() && !key(alias).equals(key(group))) {
                groupAliases.put(key(alias), key(group));
            }
        }

        /** Adds a direct membership; returns false when it was already there. */
        public boolean addMembership(String group, int user) {
            IntList list = members.computeIfAbsent(canonicalGroup(group), g -> new IntList());
            return list.addIfAbsentLast(user);
        }

        private String canonicalGroup(String group) {
            String k = key(group);
            return groupAliases.getOrDefault(k, k);
        }

        public void addRule(LicenseRule rule) {
            rules.add(new LicenseRule(canonicalGroup(rule.group()), rule.sku(), rule.disabledPlans(), rule.priority()));
        }

        public void addSubscription(Subscription subscription) {
            subscriptions.add(subscription);
        }

        /** Adds a current license; returns false when the user already holds that product. */
        public boolean addLicense(int user, CurrentLicense license) {
            while (licenses.size() <= user) {
                licenses.add(null);
            }
            List<CurrentLicense> l = licenses.get(user);
            if (l == null) {
                l = new ArrayList<>(2);
                licenses.set(user, l);
            }
            for (CurrentLicense c : l) {
                if (c.sku().equalsIgnoreCase(license.sku())) {
                    return false;
                }
            }
            l.add(license);
            return true;
        }

        /** Whether any current license was added (the assignments file, or else users.csv Licenses). */
        public boolean hasLicenses() {
            for (List<CurrentLicense> l : licenses) {
                if (l != null && !l.isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        public TenantSnapshot build() {
            // Rule groups may have been aliased after their rules were added.
            rules.replaceAll(r -> new LicenseRule(canonicalGroup(r.group()), r.sku(), r.disabledPlans(), r.priority()));
            return new TenantSnapshot(this);
        }
    }

    /** Growable int array: a million memberships as boxed Integers would cost 16 bytes each. */
    static final class IntList {
        private int[] data = new int[4];
        private int size;

        boolean addIfAbsentLast(int v) {
            // Membership exports list a group's members together, so a duplicate is nearly always the last one.
            if (size > 0 && data[size - 1] == v) {
                return false;
            }
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
            return true;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
