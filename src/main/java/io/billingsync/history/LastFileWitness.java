package io.billingsync.history;

import io.billingsync.records.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of the last file the store numbered, kept beside it in {@value #FILE_NAME}: a store found to remember
 * less (a restored old copy, writes a file system lost) would otherwise forget, without a word, which change last
 * wrote each field since then.
 */
final class LastFileWitness {
    static final String FILE_NAME = "history.last-file";

    private final Path file;

    LastFileWitness(Path workDir) {
        this.file = workDir.resolve(FILE_NAME);
    }

    /** 0 when no file was numbered yet. */
    long read() {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            throw new HistoryUnusableException(file + " cannot be read (" + e.getMessage() + "): delete it only together"
                    + " with `history reset` (see docs/RECORDS.md)", e);
        }
    }

    /** Called once the store has committed {@code number}. */
    void write(long number) {
        AtomicFiles.write(file, (number + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
