package io.billingsync.batch;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.DoneFolder;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Journal;
import io.billingsync.records.ResultRecordWriter;
import io.billingsync.records.ResultSummary;
import io.billingsync.route.FailureDescriptions;
import io.billingsync.route.ProcessingHaltedException;
import io.billingsync.route.SimulatedProfiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every change of one change file: invalid entries are dead-lettered at once, valid ones go to the
 * apply-change route through per-customer lanes (input order per customer, customers in parallel). Each
 * outcome is journaled as it happens, so a killed run resumes where it stopped and applies nothing twice.
 * When every change has its outcome, the file is archived to done/ with its result record.
 */
public final class ChangeFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFiles.class);

    private final ChangeFileReader reader;
    private final CustomerLanes lanes;
    private final ChangeApplier applier;
    private final DeadLetterFolder deadLetters;
    private final DoneFolder done;
    private final ResultRecordWriter results;
    private final FailureDescriptions failures;
    private final RunSummary summary;
    private final RunMode runMode;
    private final Path workDir;
    private final Path desiredStateFile;
    private final boolean dryRun;
    private final Duration progressInterval;
    private final BooleanSupplier stopping;
    private final Clock clock;

    public ChangeFiles(ChangeFileReader reader, CustomerLanes lanes, ChangeApplier applier,
                       DeadLetterFolder deadLetters, DoneFolder done, ResultRecordWriter results,
                       FailureDescriptions failures, RunSummary summary, RunMode runMode, Path workDir, Path desiredStateFile,
                       boolean dryRun, Duration progressInterval, BooleanSupplier stopping, Clock clock) {
        this.reader = reader;
        this.lanes = lanes;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.done = done;
        this.results = results;
        this.failures = failures;
        this.summary = summary;
        this.runMode = runMode;
        this.workDir = workDir;
        this.desiredStateFile = desiredStateFile;
        this.dryRun = dryRun;
        this.progressInterval = progressInterval;
        this.stopping = stopping;
        this.clock = clock;
    }

    /**
     * The inbox route's step: one complete change file. A folder that cannot be written (a full disk, say) halts
     * the file: it stays in the inbox, its journal keeps what was settled, and the next attempt goes on from there.
     */
    public void process(File inboxFile) throws InterruptedException, IOException {
        Path file = inboxFile.toPath();
        String name = file.getFileName().toString();
        Journal journal = null;
        try {
            journal = dryRun ? Journal.fresh(workDir, name + ".dry-run") : Journal.open(workDir, file);
            process(file, name, journal);
        } catch (UncheckedIOException e) {
            throw halt(name, e);
        } finally {
            if (journal != null) {
                journal.close();
            }
        }
    }

    private void process(Path file, String name, Journal journal) throws InterruptedException {
        Instant started = clock.instant();
        if (journal.settledCount() > 0) {
            LOG.info("{}: resuming, {} change(s) already done in an earlier run", name, journal.settledCount());
        }
        try {
            applyAll(file, name, journal, false);
        } catch (UnreadableChangeFileException e) {
            deadLetterWhole(file, name, journal, e);
            return;
        }
        if (dryRun) {
            ResultSummary counts = results.write(done.dir(), name + ".dry-run", journal, started, clock.instant(), true);
            journal.delete();
            summary.file(name, counts, "dry run, nothing sent");
            return;
        }
        // the record first: a crash before the move leaves the file in the inbox, to be archived on restart
        Path place = done.placeFor(journal, name);
        ResultSummary counts = results.write(done.dir(), place.getFileName().toString(), journal, started, clock.instant(), false);
        if (Files.exists(file)) {
            done.archive(file, place);
        } else {
            LOG.warn("{}: was removed from the inbox while being processed; every change was read and settled, the"
                    + " result record is {}{}", name, place.getFileName(), DoneFolder.RESULT_SUFFIX);
        }
        journal.delete();
        summary.file(name, counts, null);
        LOG.info("{}: done - {} change(s): {} applied, {} unchanged, {} dead-lettered -> {}", name, counts.total(),
                counts.applied(), counts.unchanged(), counts.deadLettered(), place.getFileName());
    }

    private void deadLetterWhole(Path file, String name, Journal journal, UnreadableChangeFileException e) {
        if (!Files.exists(file)) {
            journal.delete();
            LOG.warn("{}: vanished from the inbox while being read; nothing was applied from it", name);
            return;
        }
        if (dryRun) {
            journal.delete();
            LOG.error("{}: {}", name, e.getMessage());
            summary.file(name, ResultSummary.of(List.of()), "unreadable: " + e.getMessage());
            return;
        }
        Path moved = deadLetters.moveWholeFile(journal, file, failures.unreadable(name, e, clock.instant()));
        journal.delete();
        LOG.error("{}: cannot be read as change requests, moved whole to the dead-letter folder as {}: {}", name,
                moved.getFileName(), e.getMessage());
        summary.file(name, ResultSummary.wholeFileDeadLettered(), "unreadable, dead-lettered whole");
    }

    /** The desired-state timer's step: the same path, the file stays where it is. */
    public void reconcileDesiredState() throws InterruptedException {
        Path file = desiredStateFile;
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            LOG.error("Desired-state file {} does not exist or is not a regular file: check sync.desired-state.file;"
                    + " retrying on the next tick", file);
            return;
        }
        Instant started = clock.instant();
        Journal journal = Journal.fresh(workDir, ".desired-state");
        try {
            applyAll(file, name, journal, true);
            String recordName = "desired-state-" + started.toString().replace(':', '-');
            ResultSummary counts = results.write(done.dir(), recordName, journal, started, clock.instant(), dryRun);
            LOG.info("Desired state {}: {} customer change(s): {} applied, {} unchanged, {} dead-lettered", name,
                    counts.total(), counts.applied(), counts.unchanged(), counts.deadLettered());
        } catch (UnreadableChangeFileException e) {
            LOG.error("Desired-state file {} cannot be read: {} - retrying on the next tick", file, e.getMessage());
        } catch (ProcessingHaltedException e) {
            LOG.error("Desired-state reconciliation stopped: {}", e.getMessage());
        } finally {
            journal.delete();
        }
    }

    /** @param recurring the desired-state file, applied again every tick (see {@link DeadLetterFolder#writeRecurringChange}) */
    private void applyAll(Path file, String name, Journal journal, boolean recurring)
            throws UnreadableChangeFileException, InterruptedException {
        BatchTracker tracker = new BatchTracker();
        SimulatedProfiles simulation = dryRun ? new SimulatedProfiles() : null;
        AtomicReference<RuntimeException> halted = new AtomicReference<>();
        ProgressLog progress = new ProgressLog(name, estimateTotal(file), progressInterval, clock);
        boolean interrupted = false;
        int entries = 0;
        try (ChangeCursor cursor = reader.open(file)) {
            while (cursor.hasNext()) {
                if (halted.get() != null || stopping.getAsBoolean()) {
                    interrupted = true;
                    break;
                }
                ChangeEntry entry = cursor.next();
                entries++;
                if (journal.isSettled(entry.index())) {
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
            throw halt(name, halt);
        }
        if (interrupted || journal.settledCount() < entries) {
            LOG.info("{}: stopping, {} change(s) done; the rest stays in the inbox for the next run", name,
                    journal.settledCount());
            throw new ProcessingHaltedException("service stopping", null);
        }
    }

    /** Processing of the file cannot go on: it stays in the inbox for the next run, and a --once run ends. */
    private ProcessingHaltedException halt(String name, RuntimeException cause) {
        summary.halted(name + ": " + cause.getMessage());
        runMode.halted();
        LOG.error("{}: processing halted, the file stays in the inbox for the next run: {}", name, cause.getMessage());
        return cause instanceof ProcessingHaltedException p ? p : new ProcessingHaltedException(cause.getMessage(), cause);
    }

    private SettledChange invalid(String name, ChangeEntry entry) {
        FailureRecord failure = failures.invalid(name, entry, clock.instant());
        return new SettledChange(ChangeOutcome.invalid(entry.index(), failure, null), failure);
    }

    /** Writes the dead letter of a dead-lettered change (not in a dry run), then journals and logs the outcome. */
    private void settle(String name, ChangeEntry entry, SettledChange settled, Journal journal, ProgressLog progress,
                        boolean recurring) {
        ChangeOutcome outcome = settled.outcome();
        if (settled.failure() != null && !dryRun) {
            outcome = recurring ? deadLetters.writeRecurringChange(name, entry.raw(), settled.failure(), outcome)
                    : deadLetters.writeChange(journal, name, entry.raw(), settled.failure(), outcome);
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
