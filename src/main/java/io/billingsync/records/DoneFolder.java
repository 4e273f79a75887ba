package io.billingsync.records;

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

    /** The name a file will have in done/: its own, or a unique variant when that name or its record is taken. */
    public Path placeFor(String fileName) {
        AtomicFiles.createPrivateDirectories(dir);
        return AtomicFiles.uniqueName(dir, fileName, RESULT_SUFFIX);
    }

    /** Moves the input file to the place chosen for it, in one step. */
    public void archive(Path inputFile, Path place) {
        AtomicFiles.moveAtomically(inputFile, place);
    }
}
