package io.billingsync.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the service remembers across runs, in one H2 MVStore file in the work folder ({@link HistoryFile}): the file
 * counter behind every change's sequence, per customer and field path the change that last set it, the change
 * ids settled recently, and per customer of the desired-state file whether it is known to be in that state
 * ({@link DesiredStateMemory}). A change's entries are written before its outcome is journaled and committed with others,
 * off the lanes that settle changes: by MVStore's background writer within a second, and before the file they came
 * from is archived (its journal deleted). A kill loses at most the entries not committed yet, of changes whose
 * file's journal is still there: the run resuming that file remembers them again from its journal
 * ({@link #rememberAgain}). Never half-remembered relative to the journal.
 */
public final class ChangeHistory implements AutoCloseable {
    public static final String FILE_NAME = "history.mv.db";
    /** Beside the store: the number of the last file it numbered ({@link LastFileWitness}). */
    public static final String WITNESS_NAME = LastFileWitness.FILE_NAME;
    /** A change's sequence: its file's number times this, plus its index in the file. */
    public static final long FILE_STRIDE = 1_000_000_000L;

    private final HistoryFile file;
    private final LastFileWitness witness;
    private final FileNumbers fileNumbers;
    private final CustomerFields fields;
    private final SettledChangeIds changeIds;
    private final DesiredStateMemory desiredState;

    private ChangeHistory(Path path) {
        this.file = new HistoryFile(path);
        this.witness = new LastFileWitness(path.getParent());
        this.fileNumbers = new FileNumbers(file, witness);
        this.fields = new CustomerFields(file);
        this.changeIds = new SettledChangeIds(file);
        this.desiredState = new DesiredStateMemory(file);
    }

    /**
     * The store in {@code workDir}, opened now when it exists (a damaged one is refused with what to do), else
     * created when the first change needs it. Missing while {@code doneDir} holds result records (the service ran
     * before), it is refused: never silently started afresh.
     */
    public static ChangeHistory open(Path workDir, Path doneDir) {
        return open(workDir, doneDir, Duration.ZERO);
    }

    /**
     * As {@link #open(Path, Path)}, waiting up to {@code lockedWait} while another process still has the store open
     * (a leader that lost the lock closes it when it notices).
     */
    public static ChangeHistory open(Path workDir, Path doneDir, Duration lockedWait) {
        Path file = workDir.resolve(FILE_NAME);
        ChangeHistory history = new ChangeHistory(file);
        if (Files.exists(file)) {
            history.file.openWaitingForLock(lockedWait);
            try {
                history.fileNumbers.refuseIfBehindWitness();
            } catch (HistoryUnusableException e) {
                history.close();
                throw e;
            }
        } else if (hasResultRecords(doneDir) || history.witness.read() > 0) {
            throw new HistoryUnusableException(file + " is missing, but " + doneDir + " holds result records of earlier"
                    + " runs: without it the service would forget which change last wrote each field. Restore it from"
                    + " a backup, or start a new one on purpose with `history reset` (see docs/RECORDS.md)");
        }
        return history;
    }

    /** Moves the store aside (kept as {@code history.mv.db.<time>.old}) and creates an empty one; returns where it went. */
    public static Path reset(Path workDir, Instant now) {
        Path aside = HistoryFile.replaceWithEmpty(workDir.resolve(FILE_NAME), now);
        new LastFileWitness(workDir).delete();
        return aside;
    }

    private static boolean hasResultRecords(Path doneDir) {
        if (!Files.isDirectory(doneDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(doneDir)) {
            return entries.anyMatch(p -> p.getFileName().toString().endsWith(".result.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + doneDir + ": " + e.getMessage(), e);
        }
    }

    /** The number of a file being processed: the one it had when an interrupted run started it, else the next. */
    public long fileNumber(String name) {
        return fileNumbers.of(name);
    }

    /** The number the next file will get (a dry run's, which takes none). */
    public long nextFileNumber() {
        return fileNumbers.next();
    }

    /** Every change of the file is settled: a later file of that name gets a new number. */
    public void fileFinished(String name) {
        fileNumbers.finished(name);
    }

    /** Per field path, the change that last set it, for one customer. */
    public Map<String, FieldWriter> fieldsOf(String customerId) {
        return fields.of(customerId);
    }

    /** Where the change with this id was first settled, if it was at or after {@code since}; else null. */
    public SettledChangeId settled(String changeId, Instant since) {
        return changeIds.get(changeId, since);
    }

    /**
     * Remembers a settled change: the fields it set (their writers replaced, with whatever they contain) and, when
     * it has one, its id; committed with the next commit (the background writer's, or {@link #commit}).
     */
    public void remember(String customerId, Map<String, FieldWriter> set, String changeId, SettledChangeId settled) {
        write(customerId, set, changeId, settled, false);
    }

    /**
     * Remembers again a change a killed run had settled (its journal says so) but may not have committed: each field
     * only where no newer change is remembered as its writer, since later changes of the file may have been
     * committed.
     */
    public void rememberAgain(String customerId, Map<String, FieldWriter> set, String changeId, SettledChangeId settled) {
        write(customerId, set, changeId, settled, true);
    }

    private void write(String customerId, Map<String, FieldWriter> set, String changeId, SettledChangeId settled,
                       boolean unlessNewer) {
        try {
            fields.set(customerId, set, unlessNewer);
            if (changeId != null) {
                changeIds.add(changeId, settled);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the history of customer " + customerId, e);
        }
    }

    /** Forgets a customer's field path and the paths inside it, or with {@code path} null its whole entry; committed. */
    public Map<String, FieldWriter> forget(String customerId, String path) {
        try {
            Map<String, FieldWriter> forgotten = fields.forget(customerId, path);
            commit();
            return forgotten;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the history of customer " + customerId, e);
        }
    }

    /** Forgets change ids settled before {@code cutoff}; returns how many. */
    public synchronized int forgetChangeIdsBefore(Instant cutoff) {
        if (!Files.exists(file.path())) {
            return 0;
        }
        int removed = changeIds.forgetBefore(cutoff);
        commit();
        return removed;
    }

    /** Makes everything remembered so far survive a kill. */
    public void commit() {
        file.commit();
    }

    public int customerCount() {
        return fields.customerCount();
    }

    /** Per customer of the desired-state file, whether it is known to be in that state. */
    DesiredStateMemory desiredState() {
        return desiredState;
    }

    /** The desired state's progress as the last complete tick left it; null before the first. */
    public DesiredStateProgress desiredStateProgress() {
        return desiredState.ticks().progress();
    }

    @Override
    public void close() {
        file.close();
    }
}
