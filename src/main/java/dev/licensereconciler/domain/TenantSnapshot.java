package dev.licensereconciler.domain;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A tenant as the exports describe it, with every reference resolved: users (indexed 0..n-1),
 * direct group memberships, license rules, subscriptions and current licenses, plus the catalog
 * and service-plan rules they were checked against. Ingest builds it row by row with the
 * {@link Builder}; the engine only reads it.
 *
 * <p>Sized for a million users: users are held column-wise (object ids that are GUIDs as two
 * longs), the UPN / object id lookup is an open-addressing table of ints, and current licenses
 * are one flat array with per-user offsets.
 */
public final class TenantSnapshot {

    private final Catalog catalog;
    private final ServicePlanRules planRules;
    private final UserColumns users;
    private final Map<String, int[]> membersByGroup;
    private final List<LicenseRule> rules;
    private final List<Subscription> subscriptions;
    /** Licenses of user u: {@code licenses[licenseStart[u] .. licenseStart[u + 1])}. */
    private final int[] licenseStart;
    private final CurrentLicense[] licenses;

    private TenantSnapshot(Builder b) {
        this.catalog = b.catalog;
        this.planRules = b.planRules;
        this.users = b.users;
        Map<String, int[]> groups = new LinkedHashMap<>();
        b.members.forEach((g, list) -> groups.put(g, list.trimmed()));
        this.membersByGroup = groups;
        this.rules = List.copyOf(b.rules);
        this.subscriptions = List.copyOf(b.subscriptions);
        int n = b.licenseUsers;
        this.licenseStart = new int[n + 1];
        this.licenses = new CurrentLicense[b.licenseCount];
        int at = 0;
        for (int u = 0; u < n; u++) {
            licenseStart[u] = at;
            for (int l = b.licenseHead[u] - 1; l >= 0; l = b.licenseNext[l] - 1) {
                licenses[at++] = b.licenseAt[l];
            }
        }
        licenseStart[n] = at;
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

    public List<LicenseRule> rules() {
        return rules;
    }

    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Current licenses of a user, at most one per product. */
    public List<CurrentLicense> licensesOf(int user) {
        if (user >= licenseStart.length - 1) {
            return Collections.emptyList();
        }
        int from = licenseStart[user];
        int to = licenseStart[user + 1];
        return from == to ? Collections.emptyList() : new Slice(licenses, from, to);
    }

    /** An unmodifiable view of part of the flat license array. */
    private static final class Slice extends AbstractList<CurrentLicense> implements RandomAccess {
        private final CurrentLicense[] a;
        private final int from;
        private final int size;

        Slice(CurrentLicense[] a, int from, int to) {
            this.a = a;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public CurrentLicense get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
            }
            return a[from + index];
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** Accumulates a snapshot while ingest streams the files; reports duplicates to the caller. */
    public static final class Builder {
        private static final int MAX_SHARED_LICENSES = 10_000;

        private final Catalog catalog;
        private final ServicePlanRules planRules;
        private final UserColumns users = new UserColumns();
        private final Map<String, String> groupAliases = new HashMap<>();
        private final Map<String, IntList> members = new LinkedHashMap<>();
        private final List<LicenseRule> rules = new ArrayList<>();
        private final List<Subscription> subscriptions = new ArrayList<>();
        // Current licenses: per user a chain (1-based indexes, 0 = end) through the flat arrays.
        private int[] licenseHead = new int[16];
        private int[] licenseTail = new int[16];
        private int licenseUsers;
        private CurrentLicense[] licenseAt = new CurrentLicense[16];
        private int[] licenseNext = new int[16];
        private int licenseCount;
        /** Equal licenses (same SKU, plans and group) are one object: a tenant has few distinct ones. */
        private final Map<CurrentLicense, CurrentLicense> sharedLicenses = new HashMap<>();

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
            return users.add(user);
        }

        /** Index of a user added so far, by UPN or object id; -1 when unknown. */
        public int userIndex(String upnOrObjectId) {
            return users.find(upnOrObjectId);
        }

        public TenantUser user(int index) {
            return users.get(index);
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

        /** Adds a direct membership; returns false when it was already there. */
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

        public void addSubscription(Subscription subscription) {
            subscriptions.add(subscription);
        }

        /** Adds a current license; returns false when the user already holds that product. */
        public boolean addLicense(int user, CurrentLicense license) {
            if (user < 0) {
                throw new IndexOutOfBoundsException("Index " + user + " out of bounds");
            }
            if (user >= licenseHead.length) {
                int cap = Math.max(user + 1, licenseHead.length * 2);
                licenseHead = Arrays.copyOf(licenseHead, cap);
                licenseTail = Arrays.copyOf(licenseTail, cap);
            }
            licenseUsers = Math.max(licenseUsers, user + 1);
            for (int l = licenseHead[user] - 1; l >= 0; l = licenseNext[l] - 1) {
                if (licenseAt[l].sku().equalsIgnoreCase(license.sku())) {
                    return false;
                }
            }
            CurrentLicense shared = sharedLicenses.get(license);
            if (shared != null) {
                license = shared;
            } else if (sharedLicenses.size() < MAX_SHARED_LICENSES) {
                sharedLicenses.put(license, license);
            }
            if (licenseCount == licenseAt.length) {
                licenseAt = Arrays.copyOf(licenseAt, licenseCount * 2);
                licenseNext = Arrays.copyOf(licenseNext, licenseCount * 2);
            }
            int l = licenseCount++;
            licenseAt[l] = license;
            licenseNext[l] = 0;
            if (licenseTail[user] == 0) {
                licenseHead[user] = l + 1;
            } else {
                licenseNext[licenseTail[user] - 1] = l + 1;
            }
            licenseTail[user] = l + 1;
            return true;
        }

        /** Whether any current license was added (the assignments file, or else users.csv Licenses). */
        public boolean hasLicenses() {
            return licenseCount > 0;
        }

        public TenantSnapshot build() {
            // Rule groups may have been aliased after their rules were added.
            rules.replaceAll(r -> new LicenseRule(canonicalGroup(r.group()), r.sku(), r.disabledPlans(), r.priority()));
            return new TenantSnapshot(this);
        }
    }
}
