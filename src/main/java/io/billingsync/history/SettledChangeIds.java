package io.billingsync.history;

import java.time.Instant;
import java.util.Map;
import org.h2.mvstore.MVMap;

/** The change ids settled recently, in the store's {@code changeIds} map: each with where and when it was first settled. */
final class SettledChangeIds {
    private final HistoryFile file;

    SettledChangeIds(HistoryFile file) {
        this.file = file;
    }

    /** Where the change with this id was first settled, if it was at or after {@code since}; else null. */
    SettledChangeId get(String changeId, Instant since) {
        String stored = file.maps().changeIds().get(changeId);
        if (stored == null) {
            return null;
        }
        SettledChangeId settled = SettledChangeId.parse(stored);
        return settled.settledAt().isBefore(since) ? null : settled;
    }

    /** The first settlement of an id is kept. */
    void add(String changeId, SettledChangeId settled) {
        file.maps().changeIds().putIfAbsent(changeId, settled.format());
    }

    /** Forgets the ids settled before {@code cutoff}; returns how many. */
    int forgetBefore(Instant cutoff) {
        MVMap<String, String> changeIds = file.maps().changeIds();
        int removed = 0;
        for (Map.Entry<String, String> entry : changeIds.entrySet()) {
            if (SettledChangeId.parse(entry.getValue()).settledAt().isBefore(cutoff)) {
                changeIds.remove(entry.getKey());
                removed++;
            }
        }
        return removed;
    }
}
