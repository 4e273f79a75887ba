package io.billingsync.batch;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeFileReader;
import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.records.AtomicFiles;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.DoneFolder;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Journal;
import io.billingsync.records.ResultRecordWriter;
import io.billingsync.records.ResultSummary;
import io.billingsync.route.FailureDescriptions;
import io.billingsync.route.ProcessingHaltedException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
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
    private final FileFailureLimit failureLimit = new FileFailureLimit();

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
     * The inbox route's step: one complete change file. A failure that is not about Partner Center (which halts
     * processing) is bounded by {@link FileFailureLimit}: the file is retried a few times, then dead-lettered whole.
     */
    public void process(File inboxFile) throws Exception {
        Path file = inboxFile.toPath();
        String name = file.getFileName().toString();
        try {
            processFile(file, name);
            failureLimit.succeeded(file);
        } catch (ProcessingHaltedException | InterruptedException e) {
            throw e;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            if (!Files.exists(file) || !failureLimit.giveUp(file, e)) {
                throw e;
            }
            LOG.error("{}: failed with {}", name, e.toString(), e);
            deleteJournal(name);
            deadLetterWhole(file, name, failureLimit.describe(name, e, clock.instant()), "failed");
        }
    }

    private void processFile(Path file, String name) throws InterruptedException {
        Instant started = clock.instant();
        Journal journal = dryRun ? Journal.fresh(workDir, name + ".dry-run") : Journal.open(workDir, file);
        if (journal.settledCount() > 0) {
            LOG.info("{}: resuming, {} change(s) already done in an earlier run", name, journal.settledCount());
        }
        try {
            applyAll(file, name, journal);
        } catch (UnreadableChangeFileException e) {
            journal.delete();
            if (!Files.exists(file)) {
                LOG.warn("{}: vanished from the inbox while being read; nothing was applied from it", name);
                return;
            }
            deadLetterWhole(file, name, failures.unreadable(name, e, clock.instant()), "unreadable");
            return;
        } catch (RuntimeException | Error e) {
            closeQuietly(journal); // kept on disk: a halted file resumes from it
            throw e;
        }
        if (dryRun) {
            ResultSummary counts = results.write(done.dir(), name + ".dry-run", journal, started, clock.instant(), true);
            journal.delete();
            summary.file(name, counts, "dry run, nothing sent");
            return;
        }
        // the record first: a crash before the move leaves the file in the inbox, to be archived on restart
        Path place = done.placeFor(name);
        ResultSummary counts = results.write(done.dir(), place.getFileName().toString(), journal, started, clock.instant(), false);
        if (Files.exists(file)) {
            done.archive(file, place);
        } else {
            LOG.warn("{}: was removed from the inbox while being processed; every change was read and settled, the"
                    + " result record is {}", name, AtomicFiles.companion(place, DoneFolder.RESULT_SUFFIX).getFileName());
        }
        journal.delete();
        summary.file(name, counts, null);
        LOG.info("{}: done - {} change(s): {} applied, {} unchanged, {} dead-lettered -> {}", name, counts.total(),
                counts.applied(), counts.unchanged(), counts.deadLettered(), place.getFileName());
    }

    /** {@code why}: "unreadable", say; a dry run leaves the file where it is. */
    private void deadLetterWhole(Path file, String name, FailureRecord failure, String why) {
        if (dryRun) {
            LOG.error("{}: {}", name, failure.message());
            summary.file(name, ResultSummary.of(List.of()), why + ": " + failure.message());
            return;
        }
        Path moved = deadLetters.moveWholeFile(file, failure);
        LOG.error("{}: {}, moved whole to the dead-letter folder as {}: {}", name, why, moved.getFileName(), failure.message());
        summary.file(name, ResultSummary.wholeFileDeadLettered(), why + ", dead-lettered whole");
    }

    private void deleteJournal(String name) {
        try {
            Files.deleteIfExists(Journal.pathFor(workDir, dryRun ? name + ".dry-run" : name));
        } catch (IOException e) {
            LOG.warn("{}: its journal could not be removed: {}", name, e.getMessage());
        }
    }

    private static void closeQuietly(Journal journal) {
        try {
            journal.close();
        } catch (IOException ignored) {
            // the journal's lines are already written through; only the handle is released
        }
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
            applyAll(file, name, journal);
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

    private void applyAll(Path file, String name, Journal journal)
            throws UnreadableChangeFileException, InterruptedException {
        BatchTracker tracker = new BatchTracker();
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
                if (!entry.valid()) {
                    settle(deadLetterInvalid(name, entry), journal, progress);
                    continue;
                }
                tracker.started();
                lanes.submit(entry.change().customerId().toLowerCase(Locale.ROOT), () -> {
                    try {
                        // queued changes not yet started when the service stops stay for the next run
                        if (halted.get() == null && !stopping.getAsBoolean()) {
                            settle(applier.apply(name, entry), journal, progress);
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
            summary.halted(name + ": " + halt.getMessage());
            runMode.halted();
            LOG.error("{}: processing halted, the file stays in the inbox for the next run: {}", name, halt.getMessage());
            throw halt instanceof ProcessingHaltedException p ? p : new ProcessingHaltedException(halt.getMessage(), halt);
        }
        if (interrupted || journal.settledCount() < entries) {
            LOG.info("{}: stopping, {} change(s) done; the rest stays in the inbox for the next run", name,
                    journal.settledCount());
            throw new ProcessingHaltedException("service stopping", null);
        }
    }

    private ChangeOutcome deadLetterInvalid(String name, ChangeEntry entry) {
        FailureRecord failure = failures.invalid(name, entry, clock.instant());
        String written = null;
        if (!dryRun) {
            written = deadLetters.writeChange(name, entry.index(), entry.raw(), failure).getFileName().toString();
        }
        ChangeOutcome outcome = ChangeOutcome.invalid(entry.index(), failure, written);
        applier.logOutcome(name, outcome);
        return outcome;
    }

    private static void settle(ChangeOutcome outcome, Journal journal, ProgressLog progress) {
        journal.record(outcome);
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
