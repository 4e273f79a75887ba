package io.billingsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The service's four folders under one test folder, as the tests configure them (none is created here). */
public record SyncFolders(Path root, Path inbox, Path done, Path deadLetter, Path work) {

    public static SyncFolders under(Path root) {
        return new SyncFolders(root, root.resolve("inbox"), root.resolve("done"), root.resolve("dead-letter"), root.resolve("work"));
    }

    /** The names in a folder, sorted; none when it does not exist. */
    public static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
