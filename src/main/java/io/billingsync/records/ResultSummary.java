package io.billingsync.records;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The counts of a file's outcomes: the result record's summary and the --once console summary. */
public record ResultSummary(int total, int applied, int unchanged, int deadLettered, int wouldApply,
                            Map<String, Integer> byCategory) {

    public static ResultSummary of(List<ChangeOutcome> outcomes) {
        int applied = 0, unchanged = 0, dead = 0, would = 0;
        Map<String, Integer> byCategory = new TreeMap<>();
        for (ChangeOutcome o : outcomes) {
            switch (o.outcome()) {
                case APPLIED -> applied++;
                case UNCHANGED -> unchanged++;
                case WOULD_APPLY -> would++;
                case DEAD_LETTERED -> {
                    dead++;
                    byCategory.merge(o.category() == null ? "unknown" : o.category().wireName(), 1, Integer::sum);
                }
            }
        }
        return new ResultSummary(outcomes.size(), applied, unchanged, dead, would, byCategory);
    }

    /** A file that could not be read at all counts as one dead-lettered item. */
    public static ResultSummary wholeFileDeadLettered() {
        return new ResultSummary(0, 0, 0, 1, 0, Map.of(FailureCategory.INVALID.wireName(), 1));
    }
}
