package io.billingsync.history;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeWrite;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change history's one owner on the path of a change: every history step of a file and of its changes goes
 * through here. {@link #beginFile} gives the file the number behind its changes' sequences; {@link #screen} keeps
 * older data from being written over newer before a write is sent ({@link HistoryScreen}); {@link #remember}
 * records what a settled change set, before its outcome is journaled; {@link #rememberAgain} records again what a
 * resumed file's journal holds as settled; {@link #finishFile} commits the file's entries before it is archived and
 * its journal deleted. A desired-state tick also learns per customer whether it is in the desired state
 * ({@link DesiredStateMemory}): {@link #knownInState} spares the request for a customer whose entry is unchanged since
 * it was found in that state, until its turn to be read again. A dry run reads the history and changes nothing in it;
 * with the history off ({@link #off()}) every step passes. The store is looked up at each use: only the leading
 * instance has it open ({@link LeaderHistory}).
 */
public final class HistoryKeeper {
    /** Null when the history is off. */
    private final LeaderHistory history;
    private final HistoryScreen screen;
    private final boolean dryRun;
    private final Duration driftCheckInterval;
    private final Clock clock;
    /** The files being processed, by name. */
    private final Map<String, FileInProgress> files = new ConcurrentHashMap<>();

    /**
     * The number behind the sequences of a file's changes; whether it is the desired state's (no resumable journal),
     * and then its tick's plan (null in a dry run).
     */
    private record FileInProgress(long number, boolean recurring, DesiredTick tick) {
    }

    /** @param driftCheckInterval how often a customer known to be in the desired state is read again (0: every tick) */
    public HistoryKeeper(LeaderHistory history, Duration retention, boolean dryRun, Duration driftCheckInterval,
                         Clock clock) {
        this.history = history;
        this.screen = new HistoryScreen(retention, clock);
        this.dryRun = dryRun;
        this.driftCheckInterval = driftCheckInterval;
        this.clock = clock;
    }

    /** With the history off ({@code sync.history=false}): nothing is read or remembered, every change is sent. */
    public static HistoryKeeper off() {
        return new HistoryKeeper(null, Duration.ZERO, false, Duration.ZERO, Clock.systemUTC());
    }

    /** Whether change ids are keys: a change id settled before makes a change a duplicate (the history is on). */
    public boolean idsAreKeys() {
        return history != null;
    }

    /** Gives the file the number behind its changes' sequences (each tick of the desired-state file gets a new one). */
    public void beginFile(String name, boolean recurring) {
        if (history == null) {
            return;
        }
        ChangeHistory store = history.current();
        if (dryRun) {
            files.put(name, new FileInProgress(store.nextFileNumber(), recurring, null));
            return;
        }
        if (recurring) {
            store.fileFinished(name);
        }
        long number = store.fileNumber(name);
        files.put(name, new FileInProgress(number, recurring,
                recurring ? store.desiredState().ticks().begin(number, clock.instant(), driftCheckInterval) : null));
    }

    /**
     * A valid entry of a desired-state tick, in file order, before it is sent: its outcome when it needs no request
     * ({@code unchanged}, not read: its entry is the one its customer was last found in the state of, and its turn to
     * be read again has not come), else null. Every valid entry of a tick passes here: a customer the tick did not
     * see is forgotten at its end.
     */
    public ChangeOutcome knownInState(String sourceFile, ChangeEntry entry) {
        FileInProgress file = history == null ? null : file(sourceFile);
        return file == null || file.tick() == null ? null
                : history.current().desiredState().notToRead(file.tick(), file.number(), entry);
    }

    /** A write before it is sent: what is left of it to send, and the outcomes of the changes it kept back. */
    public ScreenedWrite screen(ChangeWrite write) {
        if (history == null) {
            return ScreenedWrite.unscreened(write);
        }
        FileInProgress file = file(write.sourceFile());
        return screen.screen(history.current(), file.number(), file.recurring(), write);
    }

    /**
     * Remembers a settled change before its outcome is journaled: the fields it set (those left after the screen)
     * when it was applied or found unchanged, and its id when it has one. A change killed before this is run again
     * and remembered then; one killed after it but before its journal line is found to be itself (same sequence)
     * when it runs again: never half-remembered.
     */
    public void remember(String sourceFile, ChangeEntry entry, ChangeOutcome outcome) {
        if (history == null || dryRun) {
            return;
        }
        FileInProgress file = file(sourceFile);
        ChangeHistory store = history.current();
        if (remembered(outcome)) {
            write(store, sourceFile, entry, outcome, false);
        }
        // a file's changes are committed off the lanes (the store's background writer, and before the file is
        // archived); a desired-state tick has no journal to remember them again from
        if (file.tick() != null && entry.valid()) {
            store.desiredState().settled(file.tick(), entry, outcome, clock.instant());
            store.commit();
        } else if (!file.recurring()) {
            changedElsewhere(store, entry, outcome);
        }
    }

    /**
     * A change the journal of a resumed file holds as settled: the killed run may not have committed what it
     * remembered of it, so it is remembered again, over no newer writer.
     */
    public void rememberAgain(String sourceFile, ChangeEntry entry, ChangeOutcome outcome) {
        if (remembered(outcome)) {
            write(history.current(), sourceFile, entry, outcome, true);
            changedElsewhere(history.current(), entry, outcome);
        }
    }

    /**
     * Every change of the file is settled: what they set is committed before the file is archived and its journal
     * deleted; a later file of that name gets a new number.
     */
    public void finishFile(String name) {
        FileInProgress file = files.remove(name);
        if (history != null && !dryRun) {
            ChangeHistory store = history.current();
            if (file != null && file.tick() != null) {
                store.desiredState().ticks().end(file.tick(), clock.instant());
            }
            store.commit();
            store.fileFinished(name);
        }
    }

    /** @param again remembered again from a journal: over no newer writer */
    private void write(ChangeHistory store, String sourceFile, ChangeEntry entry, ChangeOutcome outcome, boolean again) {
        String source = WrittenFields.source(sourceFile, entry);
        // a superseded change set none of its fields: only its id is remembered
        Map<String, FieldWriter> set = outcome.outcome() == Outcome.SUPERSEDED ? Map.of()
                : WrittenFields.of(entry, outcome.order(), source);
        SettledChangeId settled = new SettledChangeId(clock.instant(), outcome.order().sequence(), source,
                entry.change().digest());
        String customerId = entry.change().customerId();
        String changeId = file(sourceFile).recurring() ? null : entry.change().changeId(); // the desired state's are no keys
        if (again) {
            store.rememberAgain(customerId, set, changeId, settled);
        } else {
            store.remember(customerId, set, changeId, settled);
        }
    }

    /** An inbox change applied: the customer's desired-state entry, if any, is sent at the next tick. */
    private static void changedElsewhere(ChangeHistory store, ChangeEntry entry, ChangeOutcome outcome) {
        if (outcome.outcome() == Outcome.APPLIED) {
            store.desiredState().changedElsewhere(entry.change().customerId());
        }
    }

    private boolean remembered(ChangeOutcome outcome) {
        Outcome how = outcome.outcome();
        return history != null && !dryRun && outcome.order() != null
                && (how == Outcome.APPLIED || how == Outcome.UNCHANGED || how == Outcome.SUPERSEDED);
    }

    private FileInProgress file(String name) {
        FileInProgress file = files.get(name);
        if (file == null) {
            throw new IllegalStateException(name + " was not begun in the change history");
        }
        return file;
    }
}
