package io.billingsync.history;

import io.billingsync.change.ChangeDigest;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeOrder;
import io.billingsync.change.ChangeRequest;
import io.billingsync.profile.CustomerKey;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.h2.mvstore.MVMap;

/**
 * Per customer of the desired-state file, in the store's {@code desiredState} map ({@link DesiredEntry}): whether it
 * is known to be in the desired state, since when and for which entry, and the last tick that saw it in the file.
 * The tick's reading thread stamps each entry it sees ({@link #notToRead}); what a tick's change found is written
 * with its outcome ({@link #settled}), committed before the outcome is journaled; an inbox change applied to the
 * customer makes its entry be sent at the next tick ({@link #changedElsewhere}).
 */
final class DesiredStateMemory {
    private final HistoryFile file;
    private final DesiredStateTicks ticks;

    DesiredStateMemory(HistoryFile file) {
        this.file = file;
        this.ticks = new DesiredStateTicks(file);
    }

    /** A tick's start and end. */
    DesiredStateTicks ticks() {
        return ticks;
    }

    /**
     * A valid entry the tick reads from the file, stamped as seen: its outcome when it needs no request (unchanged,
     * not read), else null: new, edited, not known to be in state, given again in this tick, or its turn to be read.
     */
    ChangeOutcome notToRead(DesiredTick tick, long fileNumber, ChangeEntry entry) {
        ChangeRequest change = entry.change();
        // a customer not known yet gets its entry when its change settles (a second entry of it in this tick, read
        // before that, is as new: sent too)
        DesiredEntry before = update(tick, change.customerId(), false, seen -> seen.seenAt(tick.number()));
        if (before == null || before.seen() == tick.number() || !before.inState()
                || !before.digest().equals(digest(change)) || tick.due(before.verifiedAt())) {
            return null;
        }
        return ChangeOutcome.notRead(entry.index(), change.changeId(), change.customerId(), "not read: in the desired"
                        + " state since " + Instant.ofEpochMilli(before.verifiedAt()) + ", its entry unchanged")
                .withOrder(new ChangeOrder(HistoryScreen.sequenceOf(fileNumber, entry), null, List.of(), null));
    }

    /**
     * A tick's change settled: in the state of its entry when found so or applied whole (no field of it dropped for a
     * newer change); otherwise (dead-lettered, superseded) sent again at the next tick.
     */
    void settled(DesiredTick tick, ChangeEntry entry, ChangeOutcome outcome, Instant now) {
        Outcome how = outcome.outcome();
        boolean inState = (how == Outcome.APPLIED || how == Outcome.UNCHANGED)
                && (outcome.order() == null || outcome.order().superseded().isEmpty());
        String digest = digest(entry.change());
        update(tick, entry.change().customerId(), true,
                known -> inState ? known.verified(now.toEpochMilli(), digest) : known.notInState());
    }

    /** Another change was applied to the customer: its desired entry, if it has one, is sent at the next tick. */
    void changedElsewhere(String customerId) {
        MVMap<String, String> entries = file.maps().desiredState();
        String key = CustomerKey.of(customerId);
        while (true) {
            String stored = entries.get(key);
            if (stored == null || !DesiredEntry.parse(stored).inState()
                    || entries.replace(key, stored, DesiredEntry.parse(stored).notInState().format())) {
                return;
            }
        }
    }

    /** The desired state's entries need carry no change id: their content is digested here. */
    private static String digest(ChangeRequest change) {
        return ChangeDigest.of(change.customerId(), change.changes(), change.changedAt());
    }

    /**
     * Replaces the customer's entry, or with {@code create} makes it from a new one seen at this tick when it has
     * none; returns the one before.
     */
    private DesiredEntry update(DesiredTick tick, String customerId, boolean create, UnaryOperator<DesiredEntry> change) {
        MVMap<String, String> entries = file.maps().desiredState();
        String key = CustomerKey.of(customerId);
        while (true) {
            String stored = entries.get(key);
            DesiredEntry before = stored == null ? null : DesiredEntry.parse(stored);
            if (before == null && !create) {
                return null;
            }
            String after = change.apply(before != null ? before
                    : new DesiredEntry(tick.number(), 0, DesiredEntry.NOT_IN_STATE)).format();
            if (stored == null ? entries.putIfAbsent(key, after) == null : entries.replace(key, stored, after)) {
                return before;
            }
        }
    }
}
