package io.billingsync.history;

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
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The H2 MVStore file behind the change history: opened (waiting while another process has it open, a damaged one
 * refused with what to do), opened again after a write failed, committed and closed. Its background writer commits
 * what was written within a second and compacts; {@link #commit} makes everything written so far survive a kill.
 */
final class HistoryFile {
    private static final int MAX_COMMIT_ROUNDS = 10;
    private static final int COMPACT_EVERY = 1000;
    private static final int COMPACT_FILL_RATE = 50;
    private static final int COMPACT_WRITE_BYTES = 16 << 20;

    private final Path path;
    private volatile Maps open;
    private int commitsSinceCompaction;
    private final SharedCommits commits = new SharedCommits();

    /** The open store and the history's maps in it. */
    record Maps(MVStore store, MVMap<String, Long> counters, MVMap<String, Long> filesInProgress,
                MVMap<String, String> fields, MVMap<String, String> changeIds, MVMap<String, String> desiredState) {
    }

    HistoryFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /**
     * The open store's maps: opened again after a write failed (a full disk, say: the change waits, as for any folder
     * that cannot be written). A file that cannot be read is refused with what to do.
     */
    Maps maps() {
        Maps current = open;
        return current != null && !current.store().isClosed() ? current : reopen();
    }

    /** The open store's maps; null once it is closed (never opened again here: a standby must not hold it). */
    Maps mapsIfOpen() {
        Maps current = open;
        return current != null && !current.store().isClosed() ? current : null;
    }

    /** Opens the store, waiting up to {@code lockedWait} while another process still has it open. */
    void openWaitingForLock(Duration lockedWait) {
        long deadline = System.nanoTime() + lockedWait.toNanos();
        while (true) {
            try {
                maps();
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

    private synchronized Maps reopen() {
        if (open == null || open.store().isClosed()) {
            boolean existed = Files.exists(path);
            MVStore store;
            try {
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
            open = new Maps(store, store.openMap("counters"), store.openMap("filesInProgress"),
                    store.openMap("fields"), store.openMap("changeIds"), store.openMap("desiredState"));
        }
        return open;
    }

    /** Makes everything written so far survive a kill (callers queued meanwhile share one commit). */
    void commit() {
        commits.commit(this::commitNow);
    }

    private synchronized void commitNow() {
        MVStore store = maps().store();
        try {
            // MVStore's commit stores nothing when its background writer stored a version meanwhile, maybe taken
            // before the last changes: commit again until a version begun since is stored (or nothing is unsaved)
            long written = store.getCurrentVersion();
            for (int round = 0; round < MAX_COMMIT_ROUNDS && store.hasUnsavedChanges()
                    && (round == 0 || store.getCurrentVersion() <= written); round++) {
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

    synchronized void close() {
        Maps current = open;
        if (current != null && !current.store().isClosed()) {
            current.store().close(200); // compacts for up to 200 ms
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

    /**
     * Moves the file aside (kept as {@code <name>.<time>.old}) and creates an empty store in its place; returns where
     * it went, null when there was none.
     */
    static Path replaceWithEmpty(Path file, Instant now) {
        Path aside = file.resolveSibling(file.getFileName() + "." + now.toString().replace(':', '-') + ".old");
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                refuseWhileOpenElsewhere(file);
                Files.move(file, aside);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " aside: " + e.getMessage(), e);
        }
        HistoryFile fresh = new HistoryFile(file);
        fresh.maps();
        fresh.close();
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
}
