package dev.licensereconciler.domain;

/**
 * A hash index of non-negative int entries whose keys live elsewhere: two int arrays (entry + 1,
 * 0 = free; the key's hash beside it) probed linearly. For a million users (two million keys: UPNs
 * and object ids) it costs 32 MB where a {@code HashMap<String, Integer>} of lower-cased keys costs
 * over 200; the owner of the keys decides, through its {@link Matcher}, whether an entry's key is
 * the one looked up.
 */
final class OpenAddressingIndex {

    /** Whether the key of an entry equals the key looked up. */
    interface Matcher {
        boolean matches(int entry, String key);
    }

    private final Matcher matcher;
    private int[] table = new int[64];
    private int[] hashes = new int[64];
    private int entries;

    OpenAddressingIndex(Matcher matcher) {
        this.matcher = matcher;
    }

    /** The entry whose key matches {@code key} (whose hash is {@code hash}), or -1. */
    int find(String key, int hash) {
        int mask = table.length - 1;
        for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
            int e = table[i];
            if (e == 0) {
                return -1;
            }
            if (hashes[i] == hash && matcher.matches(e - 1, key)) {
                return e - 1;
            }
        }
    }

    /** Adds an entry; the caller has checked with {@link #find} that its key is not there yet. */
    void insert(int entry, int hash) {
        if (entry < 0) {
            throw new IllegalArgumentException("Entries are non-negative, got " + entry);
        }
        // At most half full, so a probe ends after a few steps.
        if ((entries + 1) * 2 > table.length) {
            rehash(table.length * 2);
        }
        place(table, hashes, entry + 1, hash);
        entries++;
    }

    int size() {
        return entries;
    }

    private void rehash(int capacity) {
        int[] oldTable = table;
        int[] oldHashes = hashes;
        table = new int[capacity];
        hashes = new int[capacity];
        for (int j = 0; j < oldTable.length; j++) {
            if (oldTable[j] != 0) {
                place(table, hashes, oldTable[j], oldHashes[j]);
            }
        }
    }

    private static void place(int[] table, int[] hashes, int stored, int hash) {
        int mask = table.length - 1;
        int i = slot(hash, mask);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = stored;
        hashes[i] = hash;
    }

    /** String hashes of similar UPNs differ in their low bits only: spread them over the table. */
    private static int slot(int hash, int mask) {
        int x = hash * 0x9E3779B9;
        return (x ^ (x >>> 16)) & mask;
    }
}
