package io.billingsync.batch;

import io.billingsync.change.ChangeFileReader;
import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.records.AtomicFiles;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.DoneFolder;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Journal;
import io.billingsync.records.OpenedFile;
import io.billingsync.records.ResultRecordWriter;
import io.billingsync.records.ResultSummary;
import io.billingsync.failure.ProcessingHaltedException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One change file of the inbox, from its journal to done/ or the dead-letter folder: its changes are applied by
 * {@link FileChanges}, each outcome journaled as it happens, so a killed run resumes where it stopped and applies
 * nothing twice. When every change has its outcome, the file is archived to done/ with its result record, unless content
 * arrived in it meanwhile: then what was read stays apart from what was not (see {@link #process(File)}).
 */
public final class ChangeFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFiles.class);

    private final FileChanges changes;
    private final DeadLetterFolder deadLetters;
    private final DoneFolder done;
    private final ResultRecordWriter results;
    private final RunSummary summary;
    private final Path workDir;
    private final boolean dryRun;
    private final Clock clock;
    private final FileFailureLimit failureLimit = new FileFailureLimit();

    public ChangeFiles(FileChanges changes, DeadLetterFolder deadLetters, DoneFolder done, ResultRecordWriter results,
                       RunSummary summary, Path workDir, boolean dryRun, Clock clock) {
        this.changes = changes;
        this.deadLetters = deadLetters;
        this.done = done;
        this.results = results;
        this.summary = summary;
        this.workDir = workDir;
        this.dryRun = dryRun;
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
            changes.applyAll(opened, file, name, journal, false);
        } catch (UnreadableChangeFileException e) {
            return deadLetterWhole(file, name, journal, e);
        }
        if (dryRun) {
            ResultSummary counts = results.write(done.dir(), name + ".dry-run", journal, started, clock.instant(), true);
            journal.delete();
            summary.file(name, counts, "dry run, nothing sent", changes.takeRequests(name));
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
        long requests = changes.takeRequests(name);
        summary.file(name, counts, null, requests);
        LOG.info("{}: done - {} change(s): {} applied, {} unchanged, {} dead-lettered; {} -> {}", name, counts.total(),
                counts.applied(), counts.unchanged(), counts.deadLettered(),
                new RunSummary.FileResult(name, counts, null, requests).requestsPerChange(), place.getFileName());
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
}
