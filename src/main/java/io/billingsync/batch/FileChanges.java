package io.billingsync.batch;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.change.FileRules;
import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.failure.ProcessingHaltedException;
import io.billingsync.history.HistoryGate;
import io.billingsync.profile.SimulatedProfiles;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Journal;
import io.billingsync.records.OpenedFile;
import io.billingsync.records.SettledChange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every change of one opened change file: invalid entries are dead-lettered at once, valid ones go to the
 * apply-change route through per-customer lanes (input order per customer, customers in parallel), a customer's
 * changes of one block of the file together as one write when coalescing is on ({@link ChangeGroups}). Each outcome
 * is written to the dead-letter folder when it is one, journaled and logged as it happens.
 */
public final class FileChanges {
    private static final Logger LOG = LoggerFactory.getLogger(FileChanges.class);

    private final ChangeFileReader reader;
    private final CustomerLanes lanes;
    private final ChangeApplier applier;
    private final DeadLetterFolder deadLetters;
    private final ChangeGroups groups;
    private final boolean dryRun;
    private final Duration progressInterval;
    private final BooleanSupplier stopping;
    private final Clock clock;
    /** Null when the history is off (sync.history=false). */
    private final HistoryGate history;

    public FileChanges(ChangeFileReader reader, CustomerLanes lanes, ChangeApplier applier, DeadLetterFolder deadLetters,
                       ChangeGroups groups, boolean dryRun, Duration progressInterval, BooleanSupplier stopping,
                       Clock clock, HistoryGate history) {
        this.reader = reader;
        this.lanes = lanes;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.groups = groups;
        this.dryRun = dryRun;
        this.progressInterval = progressInterval;
        this.stopping = stopping;
        this.clock = clock;
        this.history = history;
    }

    /** @param recurring the desired-state file, applied again every tick (see {@link DeadLetterFolder#writeRecurringChange}) */
    void applyAll(OpenedFile opened, Path file, String name, Journal journal, boolean recurring)
            throws UnreadableChangeFileException, InterruptedException {
        BatchTracker tracker = new BatchTracker();
        SimulatedProfiles simulation = dryRun ? new SimulatedProfiles() : null;
        AtomicReference<RuntimeException> halted = new AtomicReference<>();
        ProgressLog progress = new ProgressLog(name, estimateTotal(file), progressInterval, clock);
        boolean interrupted = false;
        int entries = 0;
        if (history != null) {
            history.beginFile(name, recurring);
        }
        List<ChangeEntry> block = new ArrayList<>();
        FileRules rules = FileRules.of(name, recurring, history != null);
        Settling settling = new Settling(name, simulation, journal, progress, recurring, tracker, halted);
        try (ChangeCursor cursor = reader.open(file, opened.content())) {
            while (cursor.hasNext()) {
                if (halted.get() != null || stopping.getAsBoolean()) {
                    interrupted = true;
                    break;
                }
                ChangeEntry entry = cursor.next();
                entries++;
                FileRules.Problem misplaced = rules.check(entry); // every entry, in file order, settled or not
                if (journal.isSettled(entry.index())) {
                    if (history != null) {
                        history.rememberAgain(name, entry, journal.outcome(entry.index()));
                    }
                } else {
                    try {
                        // a dead letter an interrupted run completed settles its change; nothing is sent again
                        ChangeOutcome resumed = deadLetters.resume(journal, entry.index());
                        if (resumed != null || !entry.valid() || misplaced != null) {
                            settle(name, entry, resumed != null ? new SettledChange(resumed, null)
                                    : notSent(name, entry, misplaced), journal, progress, recurring);
                        } else {
                            block.add(entry);
                        }
                    } catch (RuntimeException e) {
                        halted.compareAndSet(null, e);
                    }
                }
                if (entries % groups.blockSize() == 0) {
                    submitAll(block, settling);
                }
            }
            if (!interrupted) {
                submitAll(block, settling);
            }
        } finally {
            tracker.awaitIdle();
        }
        RuntimeException halt = halted.get();
        if (halt != null) {
            throw halt; // refused credentials (ProcessingHaltedException) or a failure of our own, e.g. a folder
        }
        if (interrupted || journal.settledCount() < entries) {
            LOG.info("{}: stopping, {} change(s) done; the rest stays in the inbox for the next run", name,
                    journal.settledCount());
            throw new ProcessingHaltedException("service stopping", null);
        }
        if (history != null) {
            history.finishFile(name);
        }
    }

    /** What a block's writes need to settle their changes. */
    private record Settling(String name, SimulatedProfiles simulation, Journal journal, ProgressLog progress,
                        boolean recurring, BatchTracker tracker, AtomicReference<RuntimeException> halted) {
    }

    /** The block's changes to their customers' lanes, as writes; the block is emptied. */
    private void submitAll(List<ChangeEntry> block, Settling settling) throws InterruptedException {
        for (List<ChangeEntry> write : groups.writes(block)) {
            if (settling.halted().get() != null || stopping.getAsBoolean()) {
                break;
            }
            settling.tracker().started();
            lanes.submit(ChangeGroups.customerKey(write.get(0)), write.size(), () -> {
                try {
                    // queued changes not yet started when the service stops stay for the next run
                    if (settling.halted().get() == null && !stopping.getAsBoolean()) {
                        settleWrite(settling, write, applier.apply(settling.name(), write, settling.simulation()));
                    }
                } catch (RuntimeException e) {
                    settling.halted().compareAndSet(null, e);
                } finally {
                    settling.tracker().finished();
                }
            });
        }
        block.clear();
    }

    /**
     * The outcomes of one write. Those of a write of several changes all applied or unchanged are journaled in one
     * line, so a kill leaves all of them or none (a write journaled in part could be formed differently on restart);
     * the others (a write of one, changes dead-lettered) settle one by one.
     */
    private void settleWrite(Settling settling, List<ChangeEntry> write, List<SettledChange> settled) {
        if (settled.size() > 1 && settled.stream().allMatch(s -> s.failure() == null)) {
            applier.ensureStillLeading();
            List<ChangeOutcome> outcomes = settled.stream().map(SettledChange::outcome).toList();
            if (history != null) { // before the journal line: never half-remembered
                for (int i = 0; i < write.size(); i++) {
                    history.remember(settling.name(), write.get(i), outcomes.get(i));
                }
            }
            settling.journal().recordWrite(outcomes);
            for (ChangeOutcome outcome : outcomes) {
                applier.logOutcome(settling.name(), outcome);
                settling.progress().changeDone();
            }
            return;
        }
        for (int i = 0; i < write.size(); i++) {
            settle(settling.name(), write.get(i), settled.get(i), settling.journal(), settling.progress(), settling.recurring());
        }
    }

    /** An invalid entry, or a valid one wrong where it is ({@code misplaced}): dead-lettered, nothing sent. */
    private SettledChange notSent(String name, ChangeEntry entry, FileRules.Problem misplaced) {
        FailureRecord failure = misplaced == null ? FailureRecord.invalidChange(name, entry, clock.instant())
                : FailureRecord.ofChange(name, entry, misplaced.category(), misplaced.text(), clock.instant());
        return new SettledChange(ChangeOutcome.invalid(entry.index(), failure, null), failure);
    }

    /**
     * Writes the dead letter of a dead-lettered change (not in a dry run), then journals and logs the outcome; an
     * instance that lost the leadership meanwhile stops here, leaving the change for the new leader.
     */
    private void settle(String name, ChangeEntry entry, SettledChange settled, Journal journal, ProgressLog progress,
                        boolean recurring) {
        applier.ensureStillLeading();
        ChangeOutcome outcome = settled.outcome();
        if (settled.failure() != null && !dryRun) {
            FailureRecord failure = settled.failure();
            if (outcome.order() != null && !recurring) { // replay puts it back into the change (not the desired state's, rewritten each tick)
                failure = failure.withSequence(outcome.order().sequence());
            }
            outcome = recurring ? deadLetters.writeRecurringChange(name, entry.raw(), failure, outcome)
                    : deadLetters.writeChange(journal, name, entry.raw(), failure, outcome);
        }
        if (history != null) {
            history.remember(name, entry, outcome); // before the journal line: never half-remembered
        }
        journal.record(outcome);
        applier.logOutcome(name, outcome);
        progress.changeDone();
    }

    /** Line count of NDJSON files (cheap next to the requests), for the progress line's estimate. */
    private static Long estimateTotal(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".ndjson") && !lower.endsWith(".jsonl")) {
            return null;
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return lines;
    }

    /** The Partner Center requests sent for this file's changes since the last call. */
    public long takeRequests(String name) {
        return applier.takeRequests(name);
    }
}
