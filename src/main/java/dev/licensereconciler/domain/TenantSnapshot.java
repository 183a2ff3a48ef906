package dev.licensereconciler.domain;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private final Users users;
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
        b.members.forEach((g, list) -> groups.put(g, list.toArray()));
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
        return users.size;
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
        private final Users users = new Users();
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

    /**
     * The users, column by column, and their index by UPN and by object id (one key space, as
     * {@link #key} defines it: trimmed, lower-cased). The index is an open-addressing table of
     * {@code user << 1 | isObjectId} (plus one, 0 = free) with the key's hash beside it; keys are
     * compared against the stored UPN or object id without building lower-cased copies.
     */
    static final class Users {
        private static final byte GUEST = 1;
        private static final byte BLOCKED = 2;
        private static final byte GUID = 4;
        private static final byte GUID_UPPER = 8;

        int size;
        private String[] upn = new String[16];
        /** The engine never reads display names: Latin-1 ones are kept as their bytes (no String object). */
        private Object[] displayName = new Object[16];
        private String[] usageLocation = new String[16];
        /** Object ids that are not GUIDs in canonical lower- or upper-case form; null for those that are. */
        private String[] objectIdText = new String[16];
        private long[] guidHigh = new long[16];
        private long[] guidLow = new long[16];
        private byte[] flags = new byte[16];

        private int[] table = new int[64];
        private int[] hashes = new int[64];
        private int entries;

        int add(TenantUser user) {
            String name = user.upn() == null ? "" : user.upn();
            int h = keyHash(name);
            if (lookup(name, h) >= 0) {
                return -1;
            }
            int index = size;
            if (index == upn.length) {
                grow();
            }
            upn[index] = user.upn();
            displayName[index] = compactText(user.displayName());
            usageLocation[index] = user.usageLocation();
            String oid = user.objectId();
            byte f = (byte) ((user.guest() ? GUEST : 0) | (user.blocked() ? BLOCKED : 0));
            int kind = guidKind(oid);
            if (kind != 0) {
                guidHigh[index] = hex(oid, 0, 8) << 32 | hex(oid, 9, 13) << 16 | hex(oid, 14, 18);
                guidLow[index] = hex(oid, 19, 23) << 48 | hex(oid, 24, 36);
                f |= kind == 1 ? GUID : GUID | GUID_UPPER;
            } else {
                objectIdText[index] = oid;
            }
            flags[index] = f;
            size++;
            insert(index << 1, h);
            if (!oid.isBlank()) {
                int oh = keyHash(oid);
                if (lookup(oid, oh) < 0) {
                    insert(index << 1 | 1, oh);
                }
            }
            return index;
        }

        private void grow() {
            int cap = upn.length * 2;
            upn = Arrays.copyOf(upn, cap);
            displayName = Arrays.copyOf(displayName, cap);
            usageLocation = Arrays.copyOf(usageLocation, cap);
            objectIdText = Arrays.copyOf(objectIdText, cap);
            guidHigh = Arrays.copyOf(guidHigh, cap);
            guidLow = Arrays.copyOf(guidLow, cap);
            flags = Arrays.copyOf(flags, cap);
        }

        TenantUser get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
            }
            byte f = flags[index];
            return new TenantUser(upn[index], text(displayName[index]), objectId(index), (f & GUEST) != 0,
                    (f & BLOCKED) != 0, usageLocation[index]);
        }

        private static Object compactText(String s) {
            if (s.isEmpty()) {
                return "";
            }
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0xFF) {
                    return s;
                }
            }
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }

        private static String text(Object o) {
            return o instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : (String) o;
        }

        String upn(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
            }
            return upn[index];
        }

        boolean blocked(int index) {
            return (flags[index] & BLOCKED) != 0;
        }

        String objectId(int index) {
            byte f = flags[index];
            if ((f & GUID) == 0) {
                return objectIdText[index];
            }
            char[] c = new char[36];
            boolean upper = (f & GUID_UPPER) != 0;
            long hi = guidHigh[index];
            long lo = guidLow[index];
            for (int i = 0; i < 16; i++) {
                int pos = i < 8 ? i : i < 12 ? i + 1 : i + 2;
                c[pos] = digit((int) (hi >>> (60 - 4 * i)) & 15, upper);
            }
            for (int i = 0; i < 16; i++) {
                int pos = i < 4 ? 19 + i : 20 + i;
                c[pos] = digit((int) (lo >>> (60 - 4 * i)) & 15, upper);
            }
            c[8] = '-';
            c[13] = '-';
            c[18] = '-';
            c[23] = '-';
            return new String(c);
        }

        private static char digit(int d, boolean upper) {
            return (char) (d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
        }

        /** 1: a GUID in canonical lower-case form, 2: in upper-case form, 0: anything else. */
        private static int guidKind(String s) {
            if (s.length() != 36) {
                return 0;
            }
            boolean lower = false;
            boolean upper = false;
            for (int i = 0; i < 36; i++) {
                char c = s.charAt(i);
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (c != '-') {
                        return 0;
                    }
                } else if (c >= 'a' && c <= 'f') {
                    lower = true;
                } else if (c >= 'A' && c <= 'F') {
                    upper = true;
                } else if (c < '0' || c > '9') {
                    return 0;
                }
            }
            return lower && upper ? 0 : upper ? 2 : 1;
        }

        /** Hex value of s[from, to) (at most 16 digits, validated before). */
        private static long hex(String s, int from, int to) {
            long v = 0;
            for (int i = from; i < to; i++) {
                v = v << 4 | Character.digit(s.charAt(i), 16);
            }
            return v;
        }

        int find(String s) {
            String q = s == null ? "" : s;
            int e = lookup(q, keyHash(q));
            return e < 0 ? -1 : e >>> 1;
        }

        /** The entry ({@code user << 1 | isObjectId}) whose key equals key(q), or -1. */
        private int lookup(String q, int h) {
            int mask = table.length - 1;
            for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
                int e = table[i];
                if (e == 0) {
                    return -1;
                }
                if (hashes[i] == h && matches(e - 1, q)) {
                    return e - 1;
                }
            }
        }

        private void insert(int entry, int h) {
            if ((entries + 1) * 2 > table.length) {
                rehash(table.length * 2);
            }
            int mask = table.length - 1;
            int i = spread(h) & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = entry + 1;
            hashes[i] = h;
            entries++;
        }

        private void rehash(int capacity) {
            int[] oldTable = table;
            int[] oldHashes = hashes;
            table = new int[capacity];
            hashes = new int[capacity];
            int mask = capacity - 1;
            for (int j = 0; j < oldTable.length; j++) {
                if (oldTable[j] != 0) {
                    int i = spread(oldHashes[j]) & mask;
                    while (table[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    table[i] = oldTable[j];
                    hashes[i] = oldHashes[j];
                }
            }
        }

        private static int spread(int h) {
            int x = h * 0x9E3779B9;
            return x ^ (x >>> 16);
        }

        private boolean matches(int entry, String q) {
            int index = entry >>> 1;
            if ((entry & 1) == 0) {
                return sameKey(upn[index] == null ? "" : upn[index], q);
            }
            if ((flags[index] & GUID) == 0) {
                return sameKey(objectIdText[index], q);
            }
            int from = trimStart(q);
            int to = trimEnd(q);
            if (to - from != 36 || !ascii(q, from, to)) {
                return !ascii(q, from, to) && key(q).equals(objectId(index).toLowerCase(Locale.ROOT));
            }
            String t = q.substring(from, to);
            if (guidKind(t.toLowerCase(Locale.ROOT)) != 1) {
                return false;
            }
            return guidHigh[index] == (hex(t, 0, 8) << 32 | hex(t, 9, 13) << 16 | hex(t, 14, 18))
                    && guidLow[index] == (hex(t, 19, 23) << 48 | hex(t, 24, 36));
        }

        /** Whether key(a) equals key(b), without building them when both are ASCII. */
        static boolean sameKey(String a, String b) {
            int af = trimStart(a);
            int at = trimEnd(a);
            int bf = trimStart(b);
            int bt = trimEnd(b);
            if (!ascii(a, af, at) || !ascii(b, bf, bt)) {
                return key(a).equals(key(b));
            }
            if (at - af != bt - bf) {
                return false;
            }
            for (int i = af, j = bf; i < at; i++, j++) {
                char x = a.charAt(i);
                char y = b.charAt(j);
                if (x != y && lower(x) != lower(y)) {
                    return false;
                }
            }
            return true;
        }

        /** String.hashCode of key(s), without building key(s) when s is ASCII. */
        static int keyHash(String s) {
            int from = trimStart(s);
            int to = trimEnd(s);
            if (!ascii(s, from, to)) {
                return key(s).hashCode();
            }
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + lower(s.charAt(i));
            }
            return h;
        }

        private static char lower(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }

        private static boolean ascii(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        // As String.trim: code points up to ' ' at either end.
        private static int trimStart(String s) {
            int i = 0;
            int n = s.length();
            while (i < n && s.charAt(i) <= ' ') {
                i++;
            }
            return i;
        }

        private static int trimEnd(String s) {
            int n = s.length();
            int start = trimStart(s);
            while (n > start && s.charAt(n - 1) <= ' ') {
                n--;
            }
            return n;
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
            return size == data.length ? data : java.util.Arrays.copyOf(data, size);
        }
    }
}
