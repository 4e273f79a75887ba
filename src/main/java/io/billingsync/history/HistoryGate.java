package io.billingsync.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeRequest;
import io.billingsync.change.ChangeToApply;
import io.billingsync.failure.FailureCategory;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Outcome;
import io.billingsync.records.SettledChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import io.billingsync.change.ChangeWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps older data from being written over newer: before a change is merged, the fields a newer change has set are
 * dropped from it (none left: {@code superseded}), and a change id settled within the retention window is a
 * {@code duplicate} with the same content, and dead-lettered {@code reused-id} with other ({@link #screen}); when
 * a change settles applied, unchanged or superseded, what it set is remembered ({@link #remember}), before its
 * outcome is journaled. A dry run reads the history and changes nothing
 * in it. The store is looked up at each use: only the leading instance has it open.
 */
public final class HistoryGate {
    private final LeaderHistory history;
    private final Duration retention;
    private final boolean dryRun;
    private final Clock clock;
    /** The files being processed, by name. */
    private final Map<String, FileInProgress> files = new ConcurrentHashMap<>();

    /** The number behind the sequences of a file's changes; whether it is the desired state's (no resumable journal). */
    private record FileInProgress(long number, boolean recurring) {
    }

    public HistoryGate(LeaderHistory history, Duration retention, boolean dryRun, Clock clock) {
        this.history = history;
        this.retention = retention;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    /** Gives the file the number behind its changes' sequences (each tick of the desired-state file gets a new one). */
    public void beginFile(String name, boolean recurring) {
        ChangeHistory store = history.current();
        long number;
        if (dryRun) {
            number = store.nextFileNumber();
        } else {
            if (recurring) {
                store.fileFinished(name);
            }
            number = store.fileNumber(name);
        }
        files.put(name, new FileInProgress(number, recurring));
    }

    /**
     * Every change of the file is settled: what they set is committed before the file is archived and its journal
     * deleted; a later file of that name gets a new number.
     */
    public void finishFile(String name) {
        files.remove(name);
        if (!dryRun) {
            ChangeHistory store = history.current();
            store.commit();
            store.fileFinished(name);
        }
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
     */
    public ChangeWrite screen(ChangeWrite write) {
        ChangeHistory store = history.current();
        WriteSoFar earlier = new WriteSoFar();
        List<ChangeToApply> toSend = new ArrayList<>();
        List<SettledChange> notSent = new ArrayList<>();
        for (ChangeToApply change : write.changes()) {
            Screened screened = screen(store, change, earlier);
            if (screened.settled() != null) {
                notSent.add(screened.settled());
            } else {
                toSend.add(screened.toApply());
            }
            earlier.add(change, screened);
        }
        return write.screenedTo(toSend, notSent);
    }

    /**
     * One change before its merge: what is left of it to apply, with its place in the order, or, when nothing is
     * left to send, its outcome ({@code duplicate}, {@code superseded}, or dead-lettered {@code reused-id}).
     */
    private Screened screen(ChangeHistory store, ChangeToApply toApply, WriteSoFar earlier) {
        ChangeEntry entry = toApply.entry();
        ChangeRequest change = entry.change();
        FileInProgress file = file(toApply.sourceFile());
        long sequence = sequenceOf(file.number(), entry);
        String changedAt = change.changedAt() == null ? null : change.changedAt().toString();
        // the desired state's ids are no keys: it is applied again at every tick
        SettledChangeId first = change.changeId() == null || change.force() || file.recurring() ? null
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
        ObjectNode remaining = FieldPaths.without(change.changes(), dropped(order));
        if (remaining.isEmpty()) {
            return Screened.settled(nothingSent(entry, Outcome.SUPERSEDED, order));
        }
        ChangeEntry kept = superseded.isEmpty() ? entry : new ChangeEntry(entry.index(), entry.position(), entry.raw(),
                change.withChanges(remaining), null, entry.customerId(), entry.changeId());
        return Screened.toApply(new ChangeToApply(toApply.sourceFile(), kept, toApply.simulation(), order));
    }

    /**
     * What the earlier changes of a write will have set once the write settles, as {@link #remember} will record it:
     * the fields of the changes sent and the ids of those sent or superseded.
     */
    private final class WriteSoFar {
        private final Map<String, FieldWriter> fields = new LinkedHashMap<>();
        private final Map<String, SettledChangeId> ids = new HashMap<>();

        void add(ChangeToApply original, Screened screened) {
            ChangeOutcome outcome = screened.settled() != null ? screened.settled().outcome() : null;
            if (outcome != null && (outcome.outcome() == Outcome.DUPLICATE || outcome.outcome() == Outcome.DEAD_LETTERED)) {
                return;
            }
            ChangeOrder order = outcome != null ? outcome.order() : screened.toApply().order();
            String source = original.sourceFile() + " #" + original.entry().index();
            if (outcome == null) {
                fields.putAll(fieldsSet(original.entry(), order, source));
            }
            if (original.changeId() != null && !file(original.sourceFile()).recurring()) {
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

    /**
     * Remembers a settled change, in one commit, before its outcome is journaled: the fields it set (those left
     * after the screen) when it was applied or found unchanged, and its id when it has one. A change killed before
     * this is run again and remembered then; one killed after it but before its journal line is found to be
     * itself (same sequence) when it runs again: never half-remembered.
     */
    public void remember(String sourceFile, ChangeEntry entry, ChangeOutcome outcome) {
        if (!remembered(outcome)) {
            return;
        }
        ChangeHistory store = history.current();
        write(store, sourceFile, entry, outcome, false);
        // a file's changes are committed off the lanes (the store's background writer, and before the file is
        // archived); a desired-state tick has no journal to remember them again from
        if (file(sourceFile).recurring()) {
            store.commit();
        }
    }

    /**
     * A change the journal of a resumed file holds as settled: the killed run may not have committed what it
     * remembered of it, so it is remembered again, over no newer writer.
     */
    public void rememberAgain(String sourceFile, ChangeEntry entry, ChangeOutcome outcome) {
        if (remembered(outcome)) {
            write(history.current(), sourceFile, entry, outcome, true);
        }
    }

    /** @param again remembered again from a journal: over no newer writer */
    private void write(ChangeHistory store, String sourceFile, ChangeEntry entry, ChangeOutcome outcome, boolean again) {
        ChangeRequest change = entry.change();
        String source = sourceFile + " #" + entry.index();
        Map<String, FieldWriter> set = fieldsSet(entry, outcome, source);
        SettledChangeId settled = new SettledChangeId(clock.instant(), outcome.order().sequence(), source, change.digest());
        String changeId = file(sourceFile).recurring() ? null : change.changeId(); // the desired state's are no keys
        if (again) {
            store.rememberAgain(change.customerId(), set, changeId, settled);
        } else {
            store.remember(change.customerId(), set, changeId, settled);
        }
    }

    private boolean remembered(ChangeOutcome outcome) {
        Outcome how = outcome.outcome();
        return !dryRun && outcome.order() != null
                && (how == Outcome.APPLIED || how == Outcome.UNCHANGED || how == Outcome.SUPERSEDED);
    }

    /** The fields an applied or unchanged change set: its own, but those a newer change had set. */
    private static Map<String, FieldWriter> fieldsSet(ChangeEntry entry, ChangeOutcome outcome, String source) {
        return outcome.outcome() == Outcome.SUPERSEDED ? Map.of() : fieldsSet(entry, outcome.order(), source);
    }

    private static Map<String, FieldWriter> fieldsSet(ChangeEntry entry, ChangeOrder order, String source) {
        Map<String, FieldWriter> set = new LinkedHashMap<>();
        if (entry.valid()) {
            FieldWriter writer = new FieldWriter(order.sequence(), order.changedAt(), entry.change().changeId(), source);
            Set<String> dropped = dropped(order);
            FieldPaths.of(entry.change().changes()).stream().filter(p -> !dropped.contains(p)).forEach(p -> set.put(p, writer));
        }
        return set;
    }

    private FileInProgress file(String name) {
        FileInProgress file = files.get(name);
        if (file == null) {
            throw new IllegalStateException(name + " was not begun in the change history");
        }
        return file;
    }

    private static Set<String> dropped(ChangeOrder order) {
        Set<String> dropped = new LinkedHashSet<>();
        order.superseded().forEach(s -> dropped.add(s.field()));
        return dropped;
    }

    /** What the screen of one change gives: the change to merge, or its outcome when nothing is to be sent. */
    public record Screened(ChangeToApply toApply, SettledChange settled) {
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
                        + first.settledAt().truncatedTo(ChronoUnit.SECONDS) + " by " + first.source() + " with other content (the customer, the changes or changedAt differ):"
                        + " give this change a new changeId, or apply it as given with `replay --force` on its dead letter",
                clock.instant());
        return new SettledChange(ChangeOutcome.invalid(entry.index(), failure, null).withOrder(order), failure);
    }

    private static SettledChange nothingSent(ChangeEntry entry, Outcome outcome, ChangeOrder order) {
        ChangeRequest change = entry.change();
        return new SettledChange(ChangeOutcome.settled(entry.index(), change.changeId(), change.customerId(), outcome,
                0, null, null, List.of(), null, null).withOrder(order), null);
    }
}
