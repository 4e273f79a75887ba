package io.billingsync.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The dead-letter folder: each change that could not be applied, exactly as it was given (so it can be fixed
 * and replayed), with {@code <name>.error.json} beside it; whole files that could not be read at all.
 */
public final class DeadLetterFolder {
    static final String ERROR_SUFFIX = ".error.json";
    static final String REPLAYED = "replayed";

    private final Path dir;

    public DeadLetterFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes one change as {@code <source stem>.<index>.json}. Writing the same change again (a restarted run)
     * replaces it; a different change under a taken name gets a unique name.
     */
    public synchronized Path writeChange(String sourceFileName, int index, byte[] raw, FailureRecord failure) {
        AtomicFiles.createPrivateDirectories(dir);
        String name = FileNames.withSuffix(stem(sourceFileName), "." + index + ".json");
        Path target = dir.resolve(name);
        if (Files.exists(target) && !sameBytes(target, raw)) {
            target = uniqueChangeName(name);
        }
        AtomicFiles.write(target, raw);
        AtomicFiles.write(errorFile(target), RecordJson.pretty(failure));
        return target;
    }

    /** A file that cannot be read as change requests at all goes here whole, with its error record. */
    public synchronized Path moveWholeFile(Path file, FailureRecord failure) {
        return moveWholeFile(file, file.getFileName().toString(), failure);
    }

    /** The same, under another name (one that can be used where the file's own cannot). */
    public synchronized Path moveWholeFile(Path file, String name, FailureRecord failure) {
        AtomicFiles.createPrivateDirectories(dir);
        Path target = uniqueChangeName(name);
        AtomicFiles.write(errorFile(target), RecordJson.pretty(failure));
        AtomicFiles.moveAtomically(file, target);
        return target;
    }

    /** The replayable change files, in name order. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> isChangeFile(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves dead-lettered changes (all when {@code names} is empty) back into the inbox, each in one step; their
     * error records are kept in {@code replayed/}.
     */
    public synchronized List<Path> replay(Path inbox, List<String> names) {
        List<Path> available = list();
        List<Path> chosen;
        if (names.isEmpty()) {
            chosen = available;
        } else {
            chosen = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String name : names) {
                Path path = dir.resolve(Path.of(name).getFileName().toString());
                if (available.contains(path)) {
                    chosen.add(path);
                } else {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("not in the dead-letter folder " + dir + ": " + unknown
                        + "; replayable changes there: " + available.stream().map(p -> p.getFileName().toString()).toList());
            }
        }
        AtomicFiles.createPrivateDirectories(inbox);
        Path replayed = AtomicFiles.createPrivateDirectories(dir.resolve(REPLAYED));
        List<Path> moved = new ArrayList<>();
        for (Path change : chosen) {
            Path target = AtomicFiles.uniqueName(inbox, change.getFileName().toString());
            Path error = errorFile(change);
            AtomicFiles.moveAtomically(change, target);
            if (Files.exists(error)) {
                AtomicFiles.moveAtomically(error, AtomicFiles.uniqueName(replayed, error.getFileName().toString()));
            }
            moved.add(target);
        }
        return moved;
    }

    static Path errorFile(Path change) {
        return AtomicFiles.companion(change, ERROR_SUFFIX);
    }

    private Path uniqueChangeName(String name) {
        return AtomicFiles.uniqueName(dir, name, ERROR_SUFFIX);
    }

    private static boolean isChangeFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && !lower.endsWith(ERROR_SUFFIX) && !lower.endsWith(".tmp");
    }

    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static boolean sameBytes(Path file, byte[] raw) {
        try {
            return Arrays.equals(Files.readAllBytes(file), raw);
        } catch (IOException e) {
            return false;
        }
    }
}
