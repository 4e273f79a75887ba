package io.billingsync.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.billingsync.history.HistoryFile.Maps;
import io.billingsync.profile.CustomerKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * What the service remembers across runs, in one H2 MVStore file in the work folder ({@link HistoryFile}): the file
 * counter behind every change's sequence, per customer and field path the change that last set it, and the change
 * ids settled recently. A change's entries are written before its outcome is journaled and committed with others,
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
    private static final String LAST_FILE = "lastFile";
    private static final int ENTRY_LOCKS = 64;

    private final HistoryFile file;
    private final CustomerEntries entries = new CustomerEntries();
    private final LastFileWitness witness;
    /**
     * One read-modify-write of a customer's entry at a time (a resumed file remembers again from its reading thread
     * while its lanes remember the changes they settle, possibly of the same customer); one lock per group of
     * customers, so lanes settling other customers seldom wait.
     */
    private final Object[] entryLocks = Stream.generate(Object::new).limit(ENTRY_LOCKS).toArray();

    private ChangeHistory(Path path) {
        this.file = new HistoryFile(path);
        this.witness = new LastFileWitness(path.getParent());
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
            history.refuseIfBehindWitness();
        } else if (hasResultRecords(doneDir) || history.witness.read() > 0) {
            throw new HistoryUnusableException(file + " is missing, but " + doneDir + " holds result records of earlier"
                    + " runs: without it the service would forget which change last wrote each field. Restore it from"
                    + " a backup, or start a new one on purpose with `history reset` (see docs/RECORDS.md)");
        }
        return history;
    }

    /** A store that remembers fewer files than it had numbered lost what it committed since: never used as it is. */
    private void refuseIfBehindWitness() {
        long numbered = witness.read();
        long remembered = maps().counters().getOrDefault(LAST_FILE, 0L);
        if (remembered < numbered) {
            close();
            throw new HistoryUnusableException(file.path() + " remembers the files up to number " + remembered + ", but file "
                    + "number " + numbered + " was started since (" + LastFileWitness.FILE_NAME + "): it has lost what"
                    + " was remembered after that (an old copy restored, or writes the file system lost). Restore the"
                    + " newest copy, or start a new one on purpose with `history reset` (see docs/RECORDS.md)");
        }
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
    public synchronized long fileNumber(String name) {
        Maps store = maps();
        Long number = store.filesInProgress().get(name);
        if (number == null) {
            number = nextFileNumber();
            store.counters().put(LAST_FILE, number);
            store.filesInProgress().put(name, number);
            commit();
            witness.write(number);
        }
        return number;
    }

    /** The number the next file will get (a dry run's, which takes none). */
    public synchronized long nextFileNumber() {
        return maps().counters().getOrDefault(LAST_FILE, 0L) + 1;
    }

    /** Every change of the file is settled: a later file of that name gets a new number. */
    public synchronized void fileFinished(String name) {
        if (maps().filesInProgress().remove(name) != null) {
            commit();
        }
    }

    /** Per field path, the change that last set it, for one customer. */
    public Map<String, FieldWriter> fieldsOf(String customerId) {
        String key = CustomerKey.of(customerId);
        String stored = maps().fields().get(key);
        if (stored == null) {
            return new TreeMap<>();
        }
        try {
            return entries.read(key, stored);
        } catch (JsonProcessingException e) {
            throw new HistoryUnusableException(file.path() + ": the entry of customer " + customerId + " cannot be read", e);
        }
    }

    /** Where the change with this id was first settled, if it was at or after {@code since}; else null. */
    public SettledChangeId settled(String changeId, Instant since) {
        String stored = maps().changeIds().get(changeId);
        if (stored == null) {
            return null;
        }
        SettledChangeId settled = SettledChangeId.parse(stored);
        return settled.settledAt().isBefore(since) ? null : settled;
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
        Maps store = maps();
        String key = CustomerKey.of(customerId);
        try {
            if (!set.isEmpty()) {
                synchronized (entryLocks[Math.floorMod(key.hashCode(), ENTRY_LOCKS)]) {
                    writeFields(store, key, customerId, set, unlessNewer);
                }
            }
            if (changeId != null) {
                store.changeIds().putIfAbsent(changeId, settled.format());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the history of customer " + customerId, e);
        }
    }

    private void writeFields(Maps store, String key, String customerId, Map<String, FieldWriter> set,
                             boolean unlessNewer) throws JsonProcessingException {
        Map<String, FieldWriter> current = fieldsOf(customerId);
        for (Map.Entry<String, FieldWriter> entry : set.entrySet()) {
            FieldWriter writer = entry.getValue();
            if (unlessNewer && current.entrySet().stream().anyMatch(w -> FieldPaths.overlap(entry.getKey(), w.getKey())
                    && (w.getValue().sequence() == writer.sequence() || w.getValue().newerThan(writer.sequence(),
                    writer.changedAt() == null ? null : Instant.parse(writer.changedAt()))))) {
                continue;
            }
            current.keySet().removeIf(p -> p.startsWith(entry.getKey() + "."));
            current.put(entry.getKey(), writer);
        }
        store.fields().put(key, entries.write(key, current));
    }

    /**
     * Forgets what is remembered for a customer: one field path and the paths inside it ({@code defaultaddress} takes
     * {@code defaultaddress.city} with it), or with {@code path} null the whole entry; committed at once. Returns the
     * writers forgotten, by path.
     */
    public Map<String, FieldWriter> forget(String customerId, String path) {
        Maps store = maps();
        String key = CustomerKey.of(customerId);
        synchronized (entryLocks[Math.floorMod(key.hashCode(), ENTRY_LOCKS)]) {
            Map<String, FieldWriter> current = fieldsOf(customerId);
            Map<String, FieldWriter> forgotten = new TreeMap<>(current);
            if (path != null) {
                forgotten.keySet().removeIf(p -> !p.equals(path) && !p.startsWith(path + "."));
            }
            current.keySet().removeAll(forgotten.keySet());
            try {
                if (current.isEmpty()) {
                    store.fields().remove(key);
                } else {
                    store.fields().put(key, entries.write(key, current));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the history of customer " + customerId, e);
            }
            commit();
            return forgotten;
        }
    }

    /** Forgets change ids settled before {@code cutoff}; returns how many. */
    public synchronized int forgetChangeIdsBefore(Instant cutoff) {
        if (!Files.exists(file.path())) {
            return 0;
        }
        MVMap<String, String> changeIds = maps().changeIds();
        int removed = 0;
        for (Map.Entry<String, String> entry : changeIds.entrySet()) {
            if (SettledChangeId.parse(entry.getValue()).settledAt().isBefore(cutoff)) {
                changeIds.remove(entry.getKey());
                removed++;
            }
        }
        commit();
        return removed;
    }

    /** Makes everything remembered so far survive a kill. */
    public void commit() {
        file.commit();
    }

    public int customerCount() {
        return maps().fields().size();
    }

    @Override
    public void close() {
        file.close();
    }

    private Maps maps() {
        return file.maps();
    }
}
