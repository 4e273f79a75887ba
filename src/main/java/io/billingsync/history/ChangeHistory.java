package io.billingsync.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.profile.CustomerKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * What the service remembers across runs, in one H2 MVStore file in the work folder: the file counter behind every
 * change's sequence, per customer and field path the change that last set it, and the change ids settled recently.
 * A change's entries are written before its outcome is journaled and committed with others, off the lanes that
 * settle changes: by MVStore's background writer within a second (or sooner when much is unsaved), and before the
 * file they came from is archived (its journal deleted). A kill loses at most the entries not committed yet, of
 * changes whose file's journal is still there: the run resuming that file remembers them again from its journal
 * ({@link #rememberAgain}). Never half-remembered relative to the journal.
 */
public final class ChangeHistory implements AutoCloseable {
    public static final String FILE_NAME = "history.mv.db";
    /** Beside the store: the number of the last file it numbered ({@link LastFileWitness}). */
    public static final String WITNESS_NAME = LastFileWitness.FILE_NAME;
    /** A change's sequence: its file's number times this, plus its index in the file. */
    public static final long FILE_STRIDE = 1_000_000_000L;
    private static final int MAX_COMMIT_ROUNDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, FieldWriter>> FIELDS = new TypeReference<>() { };
    private static final String LAST_FILE = "lastFile";

    private static final int COMPACT_EVERY = 1000;
    private static final int ENTRY_LOCKS = 64;
    private static final int COMPACT_FILL_RATE = 50;
    private static final int COMPACT_WRITE_BYTES = 16 << 20;

    private final Path path;
    private final LastFileWitness witness;
    private int commitsSinceCompaction;
    /**
     * One read-modify-write of a customer's entry at a time (a resumed file remembers again from its reading thread
     * while its lanes remember the changes they settle, possibly of the same customer); customers apart never wait
     * for each other.
     */
    private final Object[] entryLocks = Stream.generate(Object::new).limit(ENTRY_LOCKS).toArray();
    private volatile OpenStore open;

    /** The open store and its maps. */
    private record OpenStore(MVStore store, MVMap<String, Long> counters, MVMap<String, Long> filesInProgress,
                             MVMap<String, String> fields, MVMap<String, String> changeIds) {
    }

    private ChangeHistory(Path path) {
        this.path = path;
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
            history.openWaitingForLock(lockedWait);
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
        long remembered = store().counters().getOrDefault(LAST_FILE, 0L);
        if (remembered < numbered) {
            close();
            throw new HistoryUnusableException(path + " remembers the files up to number " + remembered + ", but file "
                    + "number " + numbered + " was started since (" + LastFileWitness.FILE_NAME + "): it has lost what"
                    + " was remembered after that (an old copy restored, or writes the file system lost). Restore the"
                    + " newest copy, or start a new one on purpose with `history reset` (see docs/RECORDS.md)");
        }
    }

    private void openWaitingForLock(Duration lockedWait) {
        long deadline = System.nanoTime() + lockedWait.toNanos();
        while (true) {
            try {
                store();
                return;
            } catch (StoreLockedException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new HistoryUnusableException(path + " is open in another process (" + e.getMessage() + "):"
                            + " the instance leading these folders keeps it open, as does a running `history` command;"
                            + " run `history` while no instance leads, or start again once the other process ended", e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new HistoryUnusableException(path + ": interrupted while waiting for another process to close it", e);
                }
            }
        }
    }

    /** Another process has the store open. */
    private static final class StoreLockedException extends RuntimeException {
        StoreLockedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * The open store: opened again after a write failed (a full disk, say: the change waits, as for any folder that
     * cannot be written). A file that cannot be read is refused with what to do.
     */
    private OpenStore store() {
        OpenStore current = open;
        return current != null && !current.store().isClosed() ? current : reopen();
    }

    private synchronized OpenStore reopen() {
        if (open == null || open.store().isClosed()) {
            boolean existed = Files.exists(path);
            MVStore store;
            try {
                // the background writer commits what was remembered within a second (autoCommitDelay) and compacts;
                // committing a change's entries before its journal line is the safe order (see the class comment)
                store = new MVStore.Builder().fileName(path.toString()).cacheSize(8).compress()
                        .autoCompactFillRate(COMPACT_FILL_RATE).open();
            } catch (RuntimeException e) {
                if (e instanceof MVStoreException m && m.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                    throw new StoreLockedException(e);
                }
                if (!existed || rootCause(e) instanceof IOException) {
                    throw cannotWrite(e);
                }
                throw new HistoryUnusableException(path + " cannot be read (" + e.getMessage() + "): the service"
                        + " does not run without what it remembers. Restore it from a backup, or start a new one on"
                        + " purpose with `history reset`, which keeps the damaged file beside it (see docs/RECORDS.md)", e);
            }
            // MVStore's default retention (45 s) is kept on purpose: a store reopened after a kill finds its newest
            // version by following the chain of recent chunks, and space freed sooner is written over inside that
            // chain (with 1 s, a reopened store fell back to its first version and forgot every file since)
            open = new OpenStore(store, store.openMap("counters"), store.openMap("filesInProgress"),
                    store.openMap("fields"), store.openMap("changeIds"));
        }
        return open;
    }

    /** Makes everything remembered so far survive a kill. */
    public synchronized void commit() {
        MVStore store = store().store();
        try {
            // MVStore's commit stores nothing when its background writer stored a version meanwhile, which may have
            // been taken before the last changes: commit until nothing is left unsaved (a file is committed with
            // its lanes idle, so this ends at once)
            for (int round = 0; round < MAX_COMMIT_ROUNDS && store.hasUnsavedChanges(); round++) {
                store.commit();
            }
            // under steady load the background writer never finds the store idle to compact it: do it every so often
            if (++commitsSinceCompaction >= COMPACT_EVERY) {
                commitsSinceCompaction = 0;
                store.compact(COMPACT_FILL_RATE, COMPACT_WRITE_BYTES);
            }
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw cannotWrite(e);
        }
    }

    private UncheckedIOException cannotWrite(RuntimeException e) {
        Throwable cause = rootCause(e);
        IOException io = cause instanceof IOException ioe ? ioe : new IOException(cause.getMessage(), e);
        return new UncheckedIOException("cannot write " + path + ": " + cause.getMessage(), io);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Moves the store aside (kept as {@code history.mv.db.<time>.old}) and creates an empty one; returns where it went. */
    public static Path reset(Path workDir, Instant now) {
        Path file = workDir.resolve(FILE_NAME);
        Path aside = workDir.resolve(FILE_NAME + "." + now.toString().replace(':', '-') + ".old");
        try {
            Files.createDirectories(workDir);
            if (Files.exists(file)) {
                refuseWhileOpenElsewhere(file);
                Files.move(file, aside);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " aside: " + e.getMessage(), e);
        }
        ChangeHistory fresh = new ChangeHistory(file);
        fresh.store();
        fresh.close();
        fresh.witness.delete();
        return Files.exists(aside) ? aside : null;
    }

    /** A running leader has the store open (and locked): moving it away would lose what it writes next. */
    private static void refuseWhileOpenElsewhere(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new HistoryUnusableException(file + " is open in a running instance: stop it before `history reset`");
            }
        } catch (OverlappingFileLockException e) {
            throw new HistoryUnusableException(file + " is open in this process: stop the service before `history reset`");
        }
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
        OpenStore store = store();
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
        return store().counters().getOrDefault(LAST_FILE, 0L) + 1;
    }

    /** Every change of the file is settled: a later file of that name gets a new number. */
    public synchronized void fileFinished(String name) {
        if (store().filesInProgress().remove(name) != null) {
            commit();
        }
    }

    /** Per field path, the change that last set it, for one customer. */
    public Map<String, FieldWriter> fieldsOf(String customerId) {
        String stored = store().fields().get(CustomerKey.of(customerId));
        if (stored == null) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(stored, FIELDS);
        } catch (JsonProcessingException e) {
            throw new HistoryUnusableException(path + ": the entry of customer " + customerId + " cannot be read", e);
        }
    }

    /** Where the change with this id was first settled, if it was at or after {@code since}; else null. */
    public SettledChangeId settled(String changeId, Instant since) {
        String stored = store().changeIds().get(changeId);
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
        OpenStore store = store();
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

    private void writeFields(OpenStore store, String key, String customerId, Map<String, FieldWriter> set,
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
        store.fields().put(key, JSON.writeValueAsString(current));
    }

    /** Forgets change ids settled before {@code cutoff}; returns how many. */
    public synchronized int forgetChangeIdsBefore(Instant cutoff) {
        if (!Files.exists(path)) {
            return 0;
        }
        MVMap<String, String> changeIds = store().changeIds();
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

    public int customerCount() {
        return store().fields().size();
    }

    @Override
    public synchronized void close() {
        OpenStore current = open;
        if (current != null && !current.store().isClosed()) {
            current.store().close(200); // compacts for up to 200 ms
        }
    }
}
