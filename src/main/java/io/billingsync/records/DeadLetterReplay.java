package io.billingsync.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Puts dead-lettered changes back into the inbox once they are fixed; their error records are kept aside. */
final class DeadLetterReplay {
    static final String REPLAYED = "replayed";

    private final Path dir;

    DeadLetterReplay(DeadLetterFolder folder) {
        this.dir = folder.dir();
    }

    /** The replayable change files, in name order. */
    List<Path> replayable() {
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
    List<Path> replay(Path inbox, List<String> names) {
        List<Path> available = replayable();
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
            Path target = inbox.resolve(change.getFileName().toString());
            Path error = DeadLetterFolder.errorFile(change);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && DeadLetterFolder.sameBytes(target, readAll(change))) {
                // copied into the inbox (across file systems) by a replay interrupted before it removed this copy
                DeadLetterFolder.delete(change);
            } else {
                target = AtomicFiles.uniqueName(inbox, change.getFileName().toString());
                AtomicFiles.moveAtomically(change, target);
            }
            if (Files.exists(error)) {
                AtomicFiles.moveAtomically(error, AtomicFiles.uniqueName(replayed, error.getFileName().toString()));
            }
            moved.add(target);
        }
        return moved;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean isChangeFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && !lower.endsWith(DeadLetterFolder.ERROR_SUFFIX) && !lower.endsWith(".tmp");
    }
}
