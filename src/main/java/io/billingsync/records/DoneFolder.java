package io.billingsync.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The done folder: processed input files beside their result records, never overwriting earlier ones. */
public final class DoneFolder {
    public static final String RESULT_SUFFIX = ".result.json";
    private final Path dir;

    public DoneFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The name a file will have in done/: its own, or a unique variant when that name or its record is taken. Noted
     * in the file's journal, so a run interrupted between writing the record and archiving the file uses the same
     * place again instead of writing a second record.
     */
    public Path placeFor(Journal journal, String fileName) {
        AtomicFiles.createPrivateDirectories(dir);
        WriteIntent earlier = journal.openFileIntent(WriteIntent.ARCHIVE);
        if (earlier != null) {
            return dir.resolve(earlier.name());
        }
        Path place = AtomicFiles.uniqueName(dir, fileName, RESULT_SUFFIX);
        journal.intend(new WriteIntent(WriteIntent.ARCHIVE, null, place.getFileName().toString(), null, null));
        return place;
    }

    /**
     * Moves the input file to the place chosen for it. The place was free when the journal noted it, so a file
     * there is this one, copied across file systems by a run interrupted before it removed the inbox copy.
     */
    public void archive(Path inputFile, Path place) {
        if (Files.exists(place, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.deleteIfExists(inputFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + inputFile + ": " + e.getMessage(), e);
            }
            return;
        }
        AtomicFiles.moveAtomically(inputFile, place);
    }
}
