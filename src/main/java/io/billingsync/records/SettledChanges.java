package io.billingsync.records;

import java.util.Arrays;

/**
 * Which changes of a journal have their outcome and where each outcome's line starts: only that is kept in
 * memory (8 bytes a change), the outcomes themselves are read back from disk.
 */
final class SettledChanges {
    private final ResultSummary.Counter counts = new ResultSummary.Counter();
    /** Per change index: 1 + the offset of its line, 0 while it has no outcome. */
    private long[] lineStarts = new long[1024];
    private int count;

    boolean isSettled(int index) {
        return index < lineStarts.length && lineStarts[index] != 0;
    }

    void add(ChangeOutcome outcome, long lineStart) {
        int index = outcome.index();
        if (index >= lineStarts.length) {
            lineStarts = Arrays.copyOf(lineStarts, Math.max(index + 1, lineStarts.length * 2));
        }
        lineStarts[index] = lineStart + 1;
        count++;
        counts.add(outcome);
    }

    int count() {
        return count;
    }

    ResultSummary summary() {
        return counts.summary();
    }

    /** One past the highest index that may be settled. */
    int indexLimit() {
        return lineStarts.length;
    }

    /** Where the outcome of the change at this index starts; -1 while it has none. */
    long lineStart(int index) {
        return lineStarts[index] - 1;
    }
}
