package io.billingsync.history;

/**
 * What the store remembers of one customer of the desired-state file: the last tick that read its entry from the file
 * ({@code seen}, the tick's file number), and, while it is known to be in that state, when it was last found so (read
 * unchanged, or applied) and a digest of the entry it was found in ({@code digest}; empty while it is not known to be).
 */
record DesiredEntry(long seen, long verifiedAt, String digest) {
    /** Not known to be in the desired state: its entry is sent at the next tick. */
    static final String NOT_IN_STATE = "";

    boolean inState() {
        return !digest.isEmpty();
    }

    DesiredEntry seenAt(long tick) {
        return new DesiredEntry(tick, verifiedAt, digest);
    }

    DesiredEntry verified(long millis, String entryDigest) {
        return new DesiredEntry(seen, millis, entryDigest);
    }

    DesiredEntry notInState() {
        return new DesiredEntry(seen, verifiedAt, NOT_IN_STATE);
    }

    /** {@code <seen> <verifiedAt millis> <digest>}: the digest (base64url) holds no space. */
    String format() {
        return seen + " " + verifiedAt + " " + digest;
    }

    static DesiredEntry parse(String stored) {
        String[] parts = stored.split(" ", 3);
        return new DesiredEntry(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts.length < 3 ? NOT_IN_STATE : parts[2]);
    }
}
