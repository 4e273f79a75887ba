package io.billingsync.history;

import java.time.Instant;

/** Where and when a change id was first settled (applied, unchanged or superseded). */
public record SettledChangeId(Instant settledAt, long sequence, String source) {

    String format() {
        return settledAt.toEpochMilli() + " " + sequence + " " + source;
    }

    static SettledChangeId parse(String stored) {
        String[] parts = stored.split(" ", 3);
        return new SettledChangeId(Instant.ofEpochMilli(Long.parseLong(parts[0])), Long.parseLong(parts[1]), parts[2]);
    }
}
