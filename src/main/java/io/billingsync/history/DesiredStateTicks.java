package io.billingsync.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * The desired-state ticks' side of the store: at a tick's start, when each customer known to be in state was last
 * read, for the tick's plan ({@link DesiredTick}); at the end of a tick that read the whole file and settled every
 * entry, the sweep of the customers it did not see and the progress ({@link DesiredStateProgress}), kept in the
 * store's {@code counters} with the share to carry over. A killed tick writes none of it, so the next tick takes
 * over its share.
 */
final class DesiredStateTicks {
    private static final String LAST_TICK_START = "desiredState.lastTickStart";
    private static final String LAST_TICK_END = "desiredState.lastTickEnd";
    private static final String CREDIT = "desiredState.credit";
    private static final String PASS_START = "desiredState.passStart";
    private static final String LAST_FULL_PASS = "desiredState.lastFullPass";
    private static final String CUSTOMERS = "desiredState.customers";
    private static final String IN_STATE = "desiredState.inState";
    private static final String PENDING = "desiredState.pending";

    private final HistoryFile file;

    DesiredStateTicks(HistoryFile file) {
        this.file = file;
    }

    /** A tick begins: which customers known to be in state it reads again. */
    DesiredTick begin(long number, Instant now, Duration interval) {
        long[] verified = new long[1024];
        int count = 0;
        for (String stored : file.maps().desiredState().values()) {
            DesiredEntry entry = DesiredEntry.parse(stored);
            if (entry.inState()) {
                if (count == verified.length) {
                    verified = Arrays.copyOf(verified, count * 2);
                }
                verified[count++] = entry.verifiedAt();
            }
        }
        Map<String, Long> counters = file.maps().counters();
        return DesiredTick.plan(number, now.toEpochMilli(), interval, verified, count,
                Double.longBitsToDouble(counters.getOrDefault(CREDIT, 0L)), counters.getOrDefault(LAST_TICK_START, 0L));
    }

    /**
     * A tick read the whole file and settled every entry: the customers it did not see are forgotten; a full drift
     * pass ended when every customer in state was read (or applied) since the last one ended.
     */
    void end(DesiredTick tick, Instant now) {
        MVMap<String, String> entries = file.maps().desiredState();
        long customers = 0;
        long inState = 0;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, String> stored : entries.entrySet()) {
            DesiredEntry entry = DesiredEntry.parse(stored.getValue());
            if (entry.seen() < tick.number()) {
                entries.remove(stored.getKey());
            } else {
                customers++;
                if (entry.inState()) {
                    inState++;
                    oldest = Math.min(oldest, entry.verifiedAt());
                }
            }
        }
        Map<String, Long> counters = file.maps().counters();
        long end = now.toEpochMilli();
        if (inState > 0 && oldest >= counters.getOrDefault(PASS_START, 0L)) {
            counters.put(LAST_FULL_PASS, end);
            counters.put(PASS_START, end);
        }
        counters.put(LAST_TICK_START, tick.startedAt());
        counters.put(LAST_TICK_END, end);
        counters.put(CREDIT, Double.doubleToLongBits(tick.creditLeft()));
        counters.put(CUSTOMERS, customers);
        counters.put(IN_STATE, inState);
        counters.put(PENDING, customers - inState);
    }

    /** As the last complete tick left it; null before the first, and once the store is closed. */
    DesiredStateProgress progress() {
        HistoryFile.Maps maps = file.mapsIfOpen();
        Map<String, Long> counters = maps == null ? Map.of() : maps.counters();
        Long end = counters.get(LAST_TICK_END);
        if (end == null) {
            return null;
        }
        Long pass = counters.get(LAST_FULL_PASS);
        return new DesiredStateProgress(counters.getOrDefault(CUSTOMERS, 0L), counters.getOrDefault(IN_STATE, 0L),
                counters.getOrDefault(PENDING, 0L), pass == null ? null : Instant.ofEpochMilli(pass), Instant.ofEpochMilli(end));
    }
}
