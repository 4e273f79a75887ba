package io.billingsync.batch;

import io.billingsync.change.ChangeCursor;
import io.billingsync.change.ChangeEntry;
import io.billingsync.change.FileRules;
import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.failure.ProcessingHaltedException;
import io.billingsync.history.HistoryKeeper;
import io.billingsync.mapping.InputFormats;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.Journal;
import io.billingsync.records.OpenedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every change of one opened change file, reading it once in input order: a change its journal holds as
 * settled (a resumed file) is remembered again by the history; one that needs no request (invalid, or dead-lettered
 * by an interrupted run) is settled at once ({@link ChangeSettler}); the others go block by block to
 * {@link WriteLanes}. The file's history is begun before its first change and finished (committed) once every change
 * is settled, before the caller archives the file and deletes its journal.
 */
public final class FileChanges {
    private static final Logger LOG = LoggerFactory.getLogger(FileChanges.class);

    /** Reads each file by the format its name selects: through an input mapping, or as change requests. */
    private final InputFormats reader;
    private final FileRuns runs;
    private final WriteLanes writes;
    private final ChangeSettler settler;
    private final HistoryKeeper history;

    public FileChanges(InputFormats reader, FileRuns runs, WriteLanes writes, ChangeSettler settler,
                       HistoryKeeper history) {
        this.reader = reader;
        this.runs = runs;
        this.writes = writes;
        this.settler = settler;
        this.history = history;
    }

    /**
     * @param recurring the desired-state file, applied again every tick (see {@link DeadLetterFolder#writeRecurringChange})
     * @return how many of its entries were settled without a request as known to be in the desired state
     */
    int applyAll(OpenedFile opened, Path file, String name, Journal journal, boolean recurring)
            throws UnreadableChangeFileException, InterruptedException {
        FileRun run = runs.start(file, name, journal, recurring);
        history.beginFile(name, recurring);
        boolean interrupted = false;
        int entries = 0;
        List<ChangeEntry> block = new ArrayList<>();
        FileRules rules = FileRules.of(name, recurring, history.idsAreKeys());
        try (ChangeCursor cursor = reader.open(file, opened.content())) {
            while (cursor.hasNext()) {
                if (run.stopping()) {
                    interrupted = true;
                    break;
                }
                ChangeEntry entry = cursor.next();
                entries++;
                FileRules.Problem misplaced = rules.check(entry); // every entry, in file order, settled or not
                if (journal.isSettled(entry.index())) {
                    history.rememberAgain(name, entry, journal.outcome(entry.index()));
                } else if (!settledWithoutRequest(run, entry, misplaced)) {
                    block.add(entry);
                }
                if (entries % writes.blockSize() == 0) {
                    writes.submitAll(block, run);
                }
            }
            if (!interrupted) {
                writes.submitAll(block, run);
            }
        } finally {
            run.awaitWrites();
        }
        run.throwIfHalted();
        if (interrupted || journal.settledCount() < entries) {
            LOG.info("{}: stopping, {} change(s) done; the rest stays in the inbox for the next run", name,
                    journal.settledCount());
            throw new ProcessingHaltedException("service stopping", null);
        }
        history.finishFile(name);
        return run.notReadCount();
    }

    /** A failure to settle it halts the file (the entry is not sent either). */
    private boolean settledWithoutRequest(FileRun run, ChangeEntry entry, FileRules.Problem misplaced) {
        try {
            return settler.settleWithoutRequest(run, entry, misplaced);
        } catch (RuntimeException e) {
            run.halt(e);
            return true;
        }
    }

    /** The Partner Center requests sent for this file's changes since the last call. */
    public long takeRequests(String name) {
        return writes.takeRequests(name);
    }
}
