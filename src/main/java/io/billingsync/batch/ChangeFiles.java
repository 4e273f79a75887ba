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
import io.billingsync.records.OpenedFile;
import io.billingsync.records.ResultRecordWriter;
import io.billingsync.records.ResultSummary;
import io.billingsync.records.SettledChange;
import io.billingsync.failure.ProcessingHaltedException;
import io.billingsync.profile.SimulatedProfiles;
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
 * When every change has its outcome, the file is archived to done/ with its result record, unless content
 * arrived in it meanwhile: then what was read stays apart from what was not (see {@link #process(File)}).
 */
public final class ChangeFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFiles.class);

    private final ChangeFileReader reader;
    private final CustomerLanes lanes;
    private final ChangeApplier applier;
    private final DeadLetterFolder deadLetters;
    private final DoneFolder done;
    private final ResultRecordWriter results;
    private final RunSummary summary;
    private final Path workDir;
    private final Path desiredStateFile;
    private final boolean dryRun;
    private final Duration progressInterval;
    private final BooleanSupplier stopping;
    private final Clock clock;
    private final FileFailureLimit failureLimit = new FileFailureLimit();

    public ChangeFiles(ChangeFileReader reader, CustomerLanes lanes, ChangeApplier applier,
                       DeadLetterFolder deadLetters, DoneFolder done, ResultRecordWriter results,
                       RunSummary summary, Path workDir, Path desiredStateFile,
                       boolean dryRun, Duration progressInterval, BooleanSupplier stopping, Clock clock) {
        this.reader = reader;
        this.lanes = lanes;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.done = done;
        this.results = results;
        this.summary = summary;
        this.workDir = workDir;
        this.desiredStateFile = desiredStateFile;
        this.dryRun = dryRun;
        this.progressInterval = progressInterval;
        this.stopping = stopping;
        this.clock = clock;
    }

    /**
     * One complete change file from the inbox. Returns true when the file is settled (archived with its result
     * record, or dead-lettered whole), false when it stays in the inbox to be processed again: content arrived
     * in it while it was processed.
     */
    public boolean process(File inboxFile) throws Exception {
        Path file = inboxFile.toPath();
        String name = file.getFileName().toString();
        try {
            boolean settled = processFile(file, name);
            failureLimit.succeeded(file);
            return settled;
        } catch (ProcessingHaltedException | InterruptedException | IOException | UncheckedIOException e) {
            throw e; // halted, stopping, or a folder that cannot be written: the file waits for its next attempt
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            if (!Files.exists(file) || !failureLimit.giveUp(file, e)) {
                throw e;
            }
            LOG.error("{}: failed with {}", name, e.toString(), e);
            try (Journal journal = Journal.fresh(workDir, name)) {
                return deadLetterWhole(file, name, journal, failureLimit.describe(name, e, clock.instant()), "failed");
            }
        }
    }

    private boolean processFile(Path file, String name) throws InterruptedException, IOException {
        Instant started = clock.instant();
        OpenedFile opened;
        try {
            opened = OpenedFile.open(file);
        } catch (IOException e) {
            try (Journal journal = Journal.fresh(workDir, name + ".unopened")) {
                return deadLetterWhole(file, name, journal, ChangeFileReader.cannotRead(file, e));
            }
        }
        try (opened; Journal journal = dryRun ? Journal.fresh(workDir, name + ".dry-run")
                : Journal.open(workDir, opened, ChangeFileReader.isLineDelimited(file))) {
            return process(opened, file, name, journal, started);
        }
    }

    private boolean process(OpenedFile opened, Path file, String name, Journal journal, Instant started)
            throws InterruptedException, IOException {
        if (journal.settledCount() > 0) {
            LOG.info("{}: resuming, {} change(s) already done in an earlier run", name, journal.settledCount());
        }
        try {
            applyAll(opened, file, name, journal, false);
        } catch (UnreadableChangeFileException e) {
            return deadLetterWhole(file, name, journal, e);
        }
        if (dryRun) {
            ResultSummary counts = results.write(done.dir(), name + ".dry-run", journal, started, clock.instant(), true);
            journal.delete();
            summary.file(name, counts, "dry run, nothing sent");
            return true;
        }
        OpenedFile.Change change = opened.changeSince();
        if (change == OpenedFile.Change.APPENDED && ChangeFileReader.isLineDelimited(file)) {
            LOG.info("{}: lines were added to it while it was processed; they are applied next", name);
            return false;
        }
        // the record first: a crash before the move leaves the file in the inbox, to be archived on restart
        Path place = done.placeFor(journal, name);
        ResultSummary counts = results.write(done.dir(), place.getFileName().toString(), journal, started, clock.instant(), false);
        switch (change) {
            case NONE -> done.archive(file, place);
            case GONE -> LOG.warn("{}: was removed from the inbox while being processed; every change was read and"
                    + " settled, the result record is {}", name, AtomicFiles.companion(place, DoneFolder.RESULT_SUFFIX).getFileName());
            default -> keepProcessedContent(opened, name, place);
        }
        journal.delete();
        summary.file(name, counts, null);
        LOG.info("{}: done - {} change(s): {} applied, {} unchanged, {} dead-lettered -> {}", name, counts.total(),
                counts.applied(), counts.unchanged(), counts.deadLettered(), place.getFileName());
        return change != OpenedFile.Change.APPENDED && change != OpenedFile.Change.REPLACED;
    }

    /** The name holds other content now: archive what was processed, leave the new content for the next poll. */
    private static void keepProcessedContent(OpenedFile opened, String name, Path place) {
        if (opened.copyTo(place)) {
            LOG.warn("{}: was replaced while being processed; the content that was processed is archived as {} with its"
                    + " record, the new content stays in the inbox and is processed next as a new file", name,
                    place.getFileName());
        } else {
            LOG.warn("{}: was rewritten in place while being processed; the content that was processed is lost, its"
                    + " record is {}; the new content stays in the inbox and is processed next as a new file. Write"
                    + " change files under a temporary name and rename them into the inbox", name,
                    AtomicFiles.companion(place, DoneFolder.RESULT_SUFFIX).getFileName());
        }
    }

    private boolean deadLetterWhole(Path file, String name, Journal journal, UnreadableChangeFileException e) {
        if (!Files.exists(file)) {
            journal.delete();
            LOG.warn("{}: vanished from the inbox while being read; nothing was applied from it", name);
            return true;
        }
        return deadLetterWhole(file, name, journal, FailureRecord.unreadableFile(name, e, clock.instant()), "unreadable");
    }

    /** {@code why}: "unreadable", say; a dry run leaves the file where it is. */
    private boolean deadLetterWhole(Path file, String name, Journal journal, FailureRecord failure, String why) {
        if (dryRun) {
            journal.delete();
            LOG.error("{}: {}", name, failure.message());
            summary.file(name, ResultSummary.of(List.of()), why + ": " + failure.message());
            return true;
        }
        Path moved = deadLetters.moveWholeFile(journal, file, failure);
        journal.delete();
        LOG.error("{}: {}, moved whole to the dead-letter folder as {}: {}", name, why, moved.getFileName(),
                failure.message());
        summary.file(name, ResultSummary.wholeFileDeadLettered(), why + ", dead-lettered whole");
        return true;
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
        try (OpenedFile opened = OpenedFile.open(file)) {
            applyAll(opened, file, name, journal, true);
            String recordName = "desired-state-" + started.toString().replace(':', '-');
            ResultSummary counts = results.write(done.dir(), recordName, journal, started, clock.instant(), dryRun);
            LOG.info("Desired state {}: {} customer change(s): {} applied, {} unchanged, {} dead-lettered", name,
                    counts.total(), counts.applied(), counts.unchanged(), counts.deadLettered());
        } catch (UnreadableChangeFileException | IOException e) {
            LOG.error("Desired-state file {} cannot be read: {} - retrying on the next tick", file, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Desired-state reconciliation stopped: {}", e.getMessage());
        } finally {
            journal.delete();
        }
    }

    /** @param recurring the desired-state file, applied again every tick (see {@link DeadLetterFolder#writeRecurringChange}) */
    private void applyAll(OpenedFile opened, Path file, String name, Journal journal, boolean recurring)
            throws UnreadableChangeFileException, InterruptedException {
        BatchTracker tracker = new BatchTracker();
        SimulatedProfiles simulation = dryRun ? new SimulatedProfiles() : null;
        AtomicReference<RuntimeException> halted = new AtomicReference<>();
        ProgressLog progress = new ProgressLog(name, estimateTotal(file), progressInterval, clock);
        boolean interrupted = false;
        int entries = 0;
        try (ChangeCursor cursor = reader.open(file, opened.content())) {
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
            throw halt; // refused credentials (ProcessingHaltedException) or a failure of our own, e.g. a folder
        }
        if (interrupted || journal.settledCount() < entries) {
            LOG.info("{}: stopping, {} change(s) done; the rest stays in the inbox for the next run", name,
                    journal.settledCount());
            throw new ProcessingHaltedException("service stopping", null);
        }
    }

    private SettledChange invalid(String name, ChangeEntry entry) {
        FailureRecord failure = FailureRecord.invalidChange(name, entry, clock.instant());
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
