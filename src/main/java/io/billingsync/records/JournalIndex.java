package io.billingsync.records;

import java.util.HashMap;
import java.util.Map;

/**
 * What a journal holds, kept in memory: which changes have their outcome and where its line starts
 * ({@link SettledChanges}), and the intents ({@link WriteIntent}) an interrupted run left without their outcome (at
 * most the changes that were in flight, and the file's own), by {@link WriteIntent#key()}. Filled as the journal is
 * read back, then as it is written. Not thread-safe: the journal guards it.
 */
final class JournalIndex implements JournalReadBack.Records {
    private final SettledChanges settled = new SettledChanges();
    private final Map<String, WriteIntent> openIntents = new HashMap<>();

    /** Read back: the first outcome of a change counts. */
    @Override
    public void outcome(ChangeOutcome outcome, long lineStart) {
        if (!settled.isSettled(outcome.index())) {
            add(outcome, lineStart);
        }
    }

    @Override
    public void intent(WriteIntent intent) {
        openIntents.put(intent.key(), intent);
    }

    /** The change has its outcome, in the line starting at {@code lineStart}: its dead letter's intent is followed. */
    void add(ChangeOutcome outcome, long lineStart) {
        settled.add(outcome, lineStart);
        openIntents.remove(WriteIntent.deadLetterKey(outcome.index()));
    }

    SettledChanges settled() {
        return settled;
    }

    WriteIntent openDeadLetterIntent(int index) {
        return settled.isSettled(index) ? null : openIntents.get(WriteIntent.deadLetterKey(index));
    }

    WriteIntent openFileIntent(String kind) {
        return openIntents.get(kind);
    }
}
