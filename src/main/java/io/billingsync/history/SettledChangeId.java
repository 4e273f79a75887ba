package io.billingsync.history;

import java.time.Instant;

/**
 * Where and when a change id was first settled (applied, unchanged or superseded), and what it stood for: the
 * digest of that change's content ({@link io.billingsync.change.ChangeDigest}); null for an id remembered by an
 * earlier version, which kept none.
 */
public record SettledChangeId(Instant settledAt, long sequence, String source, String digest) {

    /** Whether a change with this content is the one settled under the id; unknown (no digest) counts as the same. */
    boolean sameContent(String otherDigest) {
        return digest == null || digest.equals(otherDigest);
    }

    /** {@code <millis> <sequence>[/<digest>] <source>}: the source (a file name) may hold spaces, the digest none. */
    String format() {
        return settledAt.toEpochMilli() + " " + sequence + (digest == null ? "" : "/" + digest) + " " + source;
    }

    static SettledChangeId parse(String stored) {
        String[] parts = stored.split(" ", 3);
        int slash = parts[1].indexOf('/');
        long sequence = Long.parseLong(slash < 0 ? parts[1] : parts[1].substring(0, slash));
        return new SettledChangeId(Instant.ofEpochMilli(Long.parseLong(parts[0])), sequence, parts[2],
                slash < 0 ? null : parts[1].substring(slash + 1));
    }
}
