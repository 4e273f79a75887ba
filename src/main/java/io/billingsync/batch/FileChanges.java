package io.billingsync.batch;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeFileReader;
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
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every change of one opened change file: invalid entries are dead-lettered at once, valid ones go to the
 * apply-change route through per-customer lanes (input order per customer, customers in parallel). Each outcome
 * is written to the dead-letter folder when it is one, journaled and logged as it happens.
 */
public final class FileChanges {
    private static final Logger LOG = LoggerFactory.getLogger(FileChanges.class);

    private final ChangeFileReader reader;
    private final CustomerLanes lanes;
    private final ChangeApplier applier;
    private final DeadLetterFolder deadLetters;
    private final boolean dryRun;
    private final Duration progressInterval;
    private final BooleanSupplier stopping;
    private final Clock clock;
    /** Null when the history is off (sync.history=false). */
    private final HistoryGate history;

    public FileChanges(ChangeFileReader reader, CustomerLanes lanes, ChangeApplier applier, DeadLetterFolder deadLetters,
                       boolean dryRun, Duration progressInterval, BooleanSupplier stopping, Clock clock,
                       HistoryGate history) {
        this.reader = reader;
        this.lanes = lanes;
        this.applier = applier;
        this.deadLetters = deadLetters;
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
        try (ChangeCursor cursor = reader.open(file, opened.content())) {
            while (cursor.hasNext()) {
                if (halted.get() != null || stopping.getAsBoolean()) {
                    interrupted = true;
                    break;
                }
                ChangeEntry entry = cursor.next();
                entries++;
                if (journal.isSettled(entry.index())) {
                    if (history != null) {
                        history.rememberAgain(name, entry, journal.outcome(entry.index()));
                    }
                    continue;
                }
                try {
                    // a dead letter an interrupted run completed settles its change; nothing is sent again
                    ChangeOutcome resumed = deadLetters.resume(journal, entry.index());
                    if (resumed != null || !entry.valid()) {
                        settle(name, entry, resumed != null ? new SettledChange(resumed, null) : invalid(name, entry),
                                journal, progress, recurring);
                        continue;
                    }
                } catch (RuntimeException e) {
                    halted.compareAndSet(null, e);
                    continue;
                }
                tracker.started();
                lanes.submit(entry.change().customerId().toLowerCase(Locale.ROOT), () -> {
                    try {
                        // queued changes not yet started when the service stops stay for the next run
                        if (halted.get() == null && !stopping.getAsBoolean()) {
                            settle(name, entry, applier.apply(name, entry, simulation), journal, progress, recurring);
                        }
                    } catch (RuntimeException e) {
                        halted.compareAndSet(null, e);
                    } finally {
                        tracker.finished();
                    }
                });
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

    private SettledChange invalid(String name, ChangeEntry entry) {
        FailureRecord failure = FailureRecord.invalidChange(name, entry, clock.instant());
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
}
