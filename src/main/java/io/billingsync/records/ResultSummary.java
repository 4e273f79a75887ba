package io.billingsync.records;

import io.billingsync.failure.FailureCategory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The counts of a file's outcomes: the result record's summary and the --once console summary. */
public record ResultSummary(int total, int applied, int unchanged, int deadLettered, int wouldApply,
                            Map<String, Integer> byCategory, int superseded, int duplicate) {

    public static ResultSummary of(List<ChangeOutcome> outcomes) {
        Counter counter = new Counter();
        outcomes.forEach(counter::add);
        return counter.summary();
    }

    /** Counts outcomes one at a time. */
    public static final class Counter {
        private int total, applied, unchanged, dead, would, superseded, duplicate;
        private final Map<String, Integer> byCategory = new TreeMap<>();

        public void add(ChangeOutcome o) {
            total++;
            switch (o.outcome()) {
                case APPLIED -> applied++;
                case UNCHANGED -> unchanged++;
                case WOULD_APPLY -> would++;
                case SUPERSEDED -> superseded++;
                case DUPLICATE -> duplicate++;
                case DEAD_LETTERED -> {
                    dead++;
                    byCategory.merge(o.category() == null ? "unknown" : o.category().wireName(), 1, Integer::sum);
                }
            }
        }

        public ResultSummary summary() {
            return new ResultSummary(total, applied, unchanged, dead, would, java.util.Collections.unmodifiableMap(new TreeMap<>(byCategory)),
                    superseded, duplicate);
        }
    }

    /** A file that could not be read at all counts as one dead-lettered item. */
    public static ResultSummary wholeFileDeadLettered() {
        return new ResultSummary(0, 0, 0, 1, 0, Map.of(FailureCategory.INVALID.wireName(), 1), 0, 0);
    }
}
