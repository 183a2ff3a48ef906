package dev.licensereconciler.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The users of a tenant, column by column, and their index by UPN and by object id: one key space
 * (as {@link Keys} defines it), first come first served. A million {@link TenantUser} records with
 * their strings would cost several hundred MB; columns of strings, longs and bytes cost a third.
 * The index holds {@code user << 1 | isObjectId} and compares keys against the stored UPN or
 * object id in place.
 */
final class UserColumns implements OpenAddressingIndex.Matcher {

    private static final byte GUEST = 1;
    private static final byte BLOCKED = 2;
    private static final byte GUID = 4;
    private static final byte GUID_UPPER = 8;

    private int size;
    private String[] upn = new String[16];
    /** The engine never reads display names: Latin-1 ones are kept as their bytes (no String object). */
    private Object[] displayName = new Object[16];
    private String[] usageLocation = new String[16];
    /** The users.csv department (costs by department); null where the export has none. */
    private String[] department = new String[16];
    /** Object ids that {@link GuidCodec} can't encode; null where it did. */
    private String[] objectIdText = new String[16];
    private long[] guidHigh = new long[16];
    private long[] guidLow = new long[16];
    private byte[] flags = new byte[16];
    private final OpenAddressingIndex index = new OpenAddressingIndex(this);

    /** Adds a user; returns its index, or -1 when its UPN is already a key (a UPN or an object id). */
    int add(TenantUser user) {
        String name = user.upn() == null ? "" : user.upn();
        int h = Keys.hash(name);
        if (index.find(name, h) >= 0) {
            return -1;
        }
        int u = size;
        if (u == upn.length) {
            grow();
        }
        upn[u] = user.upn();
        displayName[u] = compactText(user.displayName());
        usageLocation[u] = user.usageLocation();
        String oid = user.objectId();
        byte f = (byte) ((user.guest() ? GUEST : 0) | (user.blocked() ? BLOCKED : 0));
        int kind = GuidCodec.kind(oid);
        if (kind != GuidCodec.NOT_A_GUID) {
            guidHigh[u] = GuidCodec.high(oid);
            guidLow[u] = GuidCodec.low(oid);
            f |= kind == GuidCodec.LOWER_CASE ? GUID : GUID | GUID_UPPER;
        } else {
            objectIdText[u] = oid;
        }
        flags[u] = f;
        size++;
        index.insert(u << 1, h);
        if (!oid.isBlank()) {
            int oh = Keys.hash(oid);
            // An object id that is already some key stays reachable only through that key.
            if (index.find(oid, oh) < 0) {
                index.insert(u << 1 | 1, oh);
            }
        }
        return u;
    }

    int size() {
        return size;
    }

    /** Index of the user whose UPN or object id is this key; -1 when none. */
    int find(String upnOrObjectId) {
        String q = upnOrObjectId == null ? "" : upnOrObjectId;
        int e = index.find(q, Keys.hash(q));
        return e < 0 ? -1 : e >>> 1;
    }

    TenantUser get(int u) {
        checkIndex(u);
        byte f = flags[u];
        return new TenantUser(upn[u], text(displayName[u]), objectId(u), (f & GUEST) != 0, (f & BLOCKED) != 0,
                usageLocation[u]);
    }

    String upn(int u) {
        checkIndex(u);
        return upn[u];
    }

    void department(int u, String value) {
        checkIndex(u);
        department[u] = value == null || value.isBlank() ? null : value.strip();
    }

    String department(int u) {
        checkIndex(u);
        return department[u] == null ? "" : department[u];
    }

    String usageLocation(int u) {
        checkIndex(u);
        return usageLocation[u];
    }

    boolean blocked(int u) {
        return (flags[u] & BLOCKED) != 0;
    }

    String objectId(int u) {
        byte f = flags[u];
        return (f & GUID) == 0 ? objectIdText[u] : GuidCodec.text(guidHigh[u], guidLow[u], (f & GUID_UPPER) != 0);
    }

    @Override
    public boolean matches(int entry, String key) {
        int u = entry >>> 1;
        if ((entry & 1) == 0) {
            return Keys.same(upn[u] == null ? "" : upn[u], key);
        }
        if ((flags[u] & GUID) == 0) {
            return Keys.same(objectIdText[u], key);
        }
        return GuidCodec.denotes(key, guidHigh[u], guidLow[u]);
    }

    private void checkIndex(int u) {
        if (u < 0 || u >= size) {
            throw new IndexOutOfBoundsException("Index " + u + " out of bounds for length " + size);
        }
    }

    private void grow() {
        int cap = upn.length * 2;
        upn = Arrays.copyOf(upn, cap);
        displayName = Arrays.copyOf(displayName, cap);
        usageLocation = Arrays.copyOf(usageLocation, cap);
        department = Arrays.copyOf(department, cap);
        objectIdText = Arrays.copyOf(objectIdText, cap);
        guidHigh = Arrays.copyOf(guidHigh, cap);
        guidLow = Arrays.copyOf(guidLow, cap);
        flags = Arrays.copyOf(flags, cap);
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
}
