package io.billingsync.batch;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.FileRules;
import io.billingsync.cluster.Leadership;
import io.billingsync.history.HistoryKeeper;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.SettledChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles each change of a file once it has its outcome, in this order: fencing (an instance that lost the
 * leadership stops here, leaving the change for the new leader), the dead letter of a dead-lettered change (not in a
 * dry run), what the change set remembered by the history, the journal line, the log line and the progress. The
 * history comes before the journal line: a change is never half-remembered relative to its journal.
 */
public final class ChangeSettler {
    private final HistoryKeeper history;
    private final DeadLetterFolder deadLetters;
    private final Leadership leadership;
    private final ChangeApplier applier;
    private final boolean dryRun;
    private final Clock clock;

    /** @param applier logs each outcome */
    public ChangeSettler(HistoryKeeper history, DeadLetterFolder deadLetters, Leadership leadership, ChangeApplier applier,
                         boolean dryRun, Clock clock) {
        this.history = history;
        this.deadLetters = deadLetters;
        this.leadership = leadership;
        this.applier = applier;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    /**
     * Settles at once an entry that needs no request: an invalid one, a valid one wrong where it is in its file
     * ({@code misplaced}, null when it is not), one whose dead letter an interrupted run completed (nothing is sent
     * again), or a desired-state customer known to be in state. False when the entry is to be sent.
     */
    boolean settleWithoutRequest(FileRun run, ChangeEntry entry, FileRules.Problem misplaced) {
        ChangeOutcome resumed = deadLetters.resume(run.journal(), entry.index());
        if (resumed == null && entry.valid() && misplaced == null) {
            return run.recurring() && knownInState(run, entry);
        }
        settle(run, entry, resumed != null ? new SettledChange(resumed, null) : notSent(run.name(), entry, misplaced));
        return true;
    }

    /**
     * A desired-state customer known to be in the state of its entry, not due to be read: journaled {@code unchanged}
     * without a request; no history to remember, no line of its own in the log (the tick's line counts them).
     */
    private boolean knownInState(FileRun run, ChangeEntry entry) {
        ChangeOutcome inState = history.knownInState(run.name(), entry);
        if (inState == null) {
            return false;
        }
        leadership.ensureStillLeading();
        run.journal().record(inState.at(entry.position()));
        run.notRead();
        run.changeDone();
        return true;
    }

    /**
     * The outcomes of one write. Those of a write of several changes all applied or unchanged are journaled in one
     * line, so a kill leaves all of them or none (a write journaled in part could be formed differently on restart);
     * the others (a write of one, changes dead-lettered) settle one by one.
     */
    void settleWrite(FileRun run, List<ChangeEntry> write, List<SettledChange> settled) {
        if (settled.size() > 1 && settled.stream().allMatch(s -> s.failure() == null)) {
            leadership.ensureStillLeading();
            List<ChangeOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < write.size(); i++) {
                outcomes.add(settled.get(i).outcome().at(write.get(i).position()));
            }
            for (int i = 0; i < write.size(); i++) {
                history.remember(run.name(), write.get(i), outcomes.get(i));
            }
            run.journal().recordWrite(outcomes);
            outcomes.forEach(outcome -> done(run, outcome));
            return;
        }
        for (int i = 0; i < write.size(); i++) {
            settle(run, write.get(i), settled.get(i));
        }
    }

    private void settle(FileRun run, ChangeEntry entry, SettledChange settled) {
        leadership.ensureStillLeading();
        ChangeOutcome outcome = settled.outcome().at(entry.position());
        if (settled.failure() != null && !dryRun) {
            outcome = deadLetter(run, entry, settled.failure(), outcome);
        }
        history.remember(run.name(), entry, outcome);
        run.journal().record(outcome);
        done(run, outcome);
    }

    /** The dead letter of the desired-state file's change is rewritten each tick; it carries no sequence to replay. */
    private ChangeOutcome deadLetter(FileRun run, ChangeEntry entry, FailureRecord failure, ChangeOutcome outcome) {
        if (run.recurring()) {
            return deadLetters.writeRecurringChange(run.name(), entry.raw(), failure.withSource(entry.source()), outcome);
        }
        // replay puts the sequence back into the change; a mapped change's error record keeps the ERP's row or record
        FailureRecord record = (outcome.order() != null ? failure.withSequence(outcome.order().sequence()) : failure)
                .withSource(entry.source());
        return deadLetters.writeChange(run.journal(), run.name(), entry.raw(), record, outcome);
    }

    /** An invalid entry, or a valid one wrong where it is ({@code misplaced}): dead-lettered, nothing sent. */
    private SettledChange notSent(String name, ChangeEntry entry, FileRules.Problem misplaced) {
        FailureRecord failure = misplaced == null ? FailureRecord.invalidChange(name, entry, clock.instant())
                : FailureRecord.ofChange(name, entry, misplaced.category(), misplaced.text(), clock.instant());
        return new SettledChange(ChangeOutcome.invalid(entry.index(), failure, null), failure);
    }

    private void done(FileRun run, ChangeOutcome outcome) {
        applier.logOutcome(run.name(), outcome);
        run.changeDone();
    }
}
