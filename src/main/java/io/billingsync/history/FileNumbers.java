package io.billingsync.history;

import io.billingsync.history.HistoryFile.Maps;

/**
 * The file counter behind every change's sequence, and the number of each file in progress, in the store's
 * {@code counters} and {@code filesInProgress} maps; each number, once committed, also beside the store
 * ({@link LastFileWitness}).
 */
final class FileNumbers {
    private static final String LAST_FILE = "lastFile";

    private final HistoryFile file;
    private final LastFileWitness witness;

    FileNumbers(HistoryFile file, LastFileWitness witness) {
        this.file = file;
        this.witness = witness;
    }

    /** The number of a file being processed: the one it had when an interrupted run started it, else the next. */
    synchronized long of(String name) {
        Maps store = file.maps();
        Long number = store.filesInProgress().get(name);
        if (number == null) {
            number = next();
            store.counters().put(LAST_FILE, number);
            store.filesInProgress().put(name, number);
            file.commit();
            witness.write(number);
        }
        return number;
    }

    /** The number the next file will get (a dry run's, which takes none). */
    synchronized long next() {
        return last() + 1;
    }

    /** Every change of the file is settled: a later file of that name gets a new number. */
    synchronized void finished(String name) {
        if (file.maps().filesInProgress().remove(name) != null) {
            file.commit();
        }
    }

    /** A store that remembers fewer files than it had numbered lost what it committed since: never used as it is. */
    void refuseIfBehindWitness() {
        long numbered = witness.read();
        long remembered = last();
        if (remembered < numbered) {
            throw new HistoryUnusableException(file.path() + " remembers the files up to number " + remembered + ", but file "
                    + "number " + numbered + " was started since (" + LastFileWitness.FILE_NAME + "): it has lost what"
                    + " was remembered after that (an old copy restored, or writes the file system lost). Restore the"
                    + " newest copy, or start a new one on purpose with `history reset` (see docs/RECORDS.md)");
        }
    }

    private long last() {
        return file.maps().counters().getOrDefault(LAST_FILE, 0L);
    }
}
