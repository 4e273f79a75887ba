package io.billingsync.change;

/**
 * The change ids given so far in one file, each with the index of the change that gave it first and a hash of that
 * change's content ({@link ChangeDigest}), so a later change with the same id and other content is found in file
 * order. Held in two arrays of longs rather than as strings: 16 bytes a slot, at most 64 bytes per id while the
 * table doubles (a million ids: some 32 MB, where strings would take over 100 MB).
 */
final class ChangeIdsInFile {
    private static final int FIRST_CAPACITY = 1024;

    /** A 64-bit hash of each id (0: an empty slot). */
    private long[] keys = new long[FIRST_CAPACITY];
    /** Per slot: the content's hash (high 32 bits) and the index of the change that gave the id first (low 32). */
    private long[] values = new long[FIRST_CAPACITY];
    private int size;

    /** Notes the change's id; returns the index of an earlier change with this id and other content, else -1. */
    int earlierWithOtherContent(String changeId, String digest, int index) {
        long key = hash(changeId);
        int content = digest.hashCode();
        int mask = keys.length - 1;
        for (int slot = (int) key & mask; ; slot = (slot + 1) & mask) {
            if (keys[slot] == 0) {
                keys[slot] = key;
                values[slot] = ((long) content << 32) | (index & 0xFFFFFFFFL);
                if (++size * 4 > keys.length * 3) {
                    grow();
                }
                return -1;
            }
            if (keys[slot] == key) {
                return (int) (values[slot] >>> 32) == content ? -1 : (int) values[slot];
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = (int) oldKeys[i] & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    /** FNV-1a over the characters, then MurmurHash3's finalizer to spread the bits; never 0. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
