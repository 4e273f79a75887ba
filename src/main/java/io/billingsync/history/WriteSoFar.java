package io.billingsync.history;

import io.billingsync.change.ChangeOrder;
import io.billingsync.change.ChangeToApply;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.Outcome;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the earlier changes of a write will have set once the write settles, as {@link HistoryKeeper#remember} will
 * record it: the fields of the changes sent and the ids of those sent or superseded. The screen holds each change of
 * a write against these as well as against the store.
 */
final class WriteSoFar {
    private final Clock clock;
    /** The desired state's write: its change ids are no keys. */
    private final boolean recurring;
    private final Map<String, FieldWriter> fields = new LinkedHashMap<>();
    private final Map<String, SettledChangeId> ids = new HashMap<>();

    WriteSoFar(Clock clock, boolean recurring) {
        this.clock = clock;
        this.recurring = recurring;
    }

    void add(ChangeToApply original, HistoryScreen.Screened screened) {
        ChangeOutcome outcome = screened.settled() != null ? screened.settled().outcome() : null;
        if (outcome != null && (outcome.outcome() == Outcome.DUPLICATE || outcome.outcome() == Outcome.DEAD_LETTERED)) {
            return;
        }
        ChangeOrder order = outcome != null ? outcome.order() : screened.toApply().order();
        String source = WrittenFields.source(original.sourceFile(), original.entry());
        if (outcome == null) {
            fields.putAll(WrittenFields.of(original.entry(), order, source));
        }
        if (original.changeId() != null && !recurring) {
            ids.put(original.changeId(), new SettledChangeId(clock.instant(), order.sequence(), source,
                    original.request().digest()));
        }
    }

    SettledChangeId settled(String changeId, Supplier<SettledChangeId> stored) {
        SettledChangeId inWrite = ids.get(changeId);
        return inWrite != null ? inWrite : stored.get();
    }

    /** The writers the store holds for the customer, with this write's earlier changes over them. */
    Map<String, FieldWriter> over(Map<String, FieldWriter> stored) {
        if (fields.isEmpty()) {
            return stored;
        }
        Map<String, FieldWriter> writers = new LinkedHashMap<>(stored);
        writers.putAll(fields);
        return writers;
    }
}
