package io.billingsync.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeOrder;
import io.billingsync.change.ChangeRequest;
import io.billingsync.change.ChangeToApply;
import io.billingsync.failure.FailureCategory;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Outcome;
import io.billingsync.records.SettledChange;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import io.billingsync.change.ChangeWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps older data from being written over newer, before a write is sent: from each of its changes the fields a newer
 * change has set are dropped (none left: {@code superseded}), and a change id settled within the retention window is
 * a {@code duplicate} when it comes with the same content, and dead-lettered {@code reused-id} when with other. The
 * desired state's change ids are no keys: it is applied again at every tick. Each change is given its place in the
 * order ({@link ChangeOrder}). Only reads the store.
 */
final class HistoryScreen {
    private final Duration retention;
    private final Clock clock;

    HistoryScreen(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * A change's sequence: the one it was given before it was dead-lettered, else its file's number and index (a
     * forced change takes its new place: it is the newest writer of what it sets).
     */
    static long sequenceOf(long fileNumber, ChangeEntry entry) {
        Long given = entry.valid() && !entry.change().force() ? entry.change().sequence() : null;
        return given != null ? given : fileNumber * ChangeHistory.FILE_STRIDE + entry.index();
    }

    /**
     * A write's changes before their merge, one at a time in input order, each as it would be screened after the
     * ones before it had settled: a change of the write is also held against the fields and the change ids of the
     * write's earlier changes ({@link WriteSoFar}). Gives the write of the changes left to send (each with what is
     * left of it and its place in the order) and the outcomes of those with nothing left to send.
     *
     * @param fileNumber the number the history gave the write's file
     * @param recurring  the write is of the desired-state file, whose change ids are no keys
     */
    ScreenedWrite screen(ChangeHistory store, long fileNumber, boolean recurring, ChangeWrite write) {
        WriteSoFar earlier = new WriteSoFar(clock, recurring);
        List<ChangeToApply> toSend = new ArrayList<>();
        List<SettledChange> keptBack = new ArrayList<>();
        for (ChangeToApply change : write.changes()) {
            Screened screened = screen(store, fileNumber, recurring, change, earlier);
            if (screened.settled() != null) {
                keptBack.add(screened.settled());
            } else {
                toSend.add(screened.toApply());
            }
            earlier.add(change, screened);
        }
        return new ScreenedWrite(toSend.isEmpty() ? null : write.withChanges(toSend), keptBack);
    }

    /**
     * One change before its merge: what is left of it to apply, with its place in the order, or, when nothing is
     * left to send, its outcome ({@code duplicate}, {@code superseded}, or dead-lettered {@code reused-id}).
     */
    private Screened screen(ChangeHistory store, long fileNumber, boolean recurring, ChangeToApply toApply,
                            WriteSoFar earlier) {
        ChangeEntry entry = toApply.entry();
        ChangeRequest change = entry.change();
        long sequence = sequenceOf(fileNumber, entry);
        String changedAt = change.changedAt() == null ? null : change.changedAt().toString();
        SettledChangeId first = change.changeId() == null || change.force() || recurring ? null
                : earlier.settled(change.changeId(), () -> store.settled(change.changeId(), clock.instant().minus(retention)));
        // the same sequence is this very change, remembered by a run killed before it journaled the outcome
        if (first != null && first.sequence() != sequence) {
            ChangeOrder order = new ChangeOrder(sequence, changedAt, List.of(), first.source());
            return Screened.settled(first.sameContent(change.digest()) ? nothingSent(entry, Outcome.DUPLICATE, order)
                    : reusedId(toApply, first, order));
        }
        List<ChangeOrder.SupersededField> superseded = change.force() ? List.of()
                : supersededFields(earlier.over(store.fieldsOf(change.customerId())), change, sequence);
        ChangeOrder order = new ChangeOrder(sequence, changedAt, superseded, null);
        ObjectNode remaining = FieldPaths.without(change.changes(), WrittenFields.dropped(order));
        if (remaining.isEmpty()) {
            return Screened.settled(nothingSent(entry, Outcome.SUPERSEDED, order));
        }
        ChangeEntry kept = superseded.isEmpty() ? entry : entry.withChange(change.withChanges(remaining));
        return Screened.toApply(new ChangeToApply(toApply.sourceFile(), kept, toApply.simulation(), order));
    }

    /** What the screen of one change gives: the change to merge, or its outcome when nothing is to be sent. */
    record Screened(ChangeToApply toApply, SettledChange settled) {
        static Screened toApply(ChangeToApply change) {
            return new Screened(change, null);
        }

        static Screened settled(SettledChange settled) {
            return new Screened(null, settled);
        }
    }

    /** Per field of the change that a newer change has set: that change. */
    private static List<ChangeOrder.SupersededField> supersededFields(Map<String, FieldWriter> writers,
                                                                      ChangeRequest change, long sequence) {
        List<ChangeOrder.SupersededField> superseded = new ArrayList<>();
        for (String path : FieldPaths.of(change.changes())) {
            for (Map.Entry<String, FieldWriter> written : writers.entrySet()) {
                FieldWriter w = written.getValue();
                if (FieldPaths.overlap(path, written.getKey()) && w.newerThan(sequence, change.changedAt())) {
                    superseded.add(new ChangeOrder.SupersededField(path, w.sequence(), w.changedAt(), w.changeId(),
                            w.source()));
                    break;
                }
            }
        }
        return superseded;
    }

    /** A change whose id was settled with other content: dead-lettered, naming where and when, and the fix. */
    private SettledChange reusedId(ChangeToApply toApply, SettledChangeId first, ChangeOrder order) {
        ChangeEntry entry = toApply.entry();
        FailureRecord failure = FailureRecord.ofChange(toApply.sourceFile(), entry, FailureCategory.REUSED_ID,
                "changeId \"" + entry.change().changeId() + "\" was settled on "
                        + first.settledAt().truncatedTo(ChronoUnit.SECONDS) + " by " + first.source() + " with other"
                        + " content (the customer, the changes or changedAt differ): give this change a new changeId,"
                        + " or apply it as given with `replay --force` on its dead letter",
                clock.instant());
        return new SettledChange(ChangeOutcome.invalid(entry.index(), failure, null).withOrder(order), failure);
    }

    private static SettledChange nothingSent(ChangeEntry entry, Outcome outcome, ChangeOrder order) {
        ChangeRequest change = entry.change();
        return new SettledChange(ChangeOutcome.settled(entry.index(), change.changeId(), change.customerId(), outcome,
                0, null, null, List.of(), null, null).withOrder(order), null);
    }
}
