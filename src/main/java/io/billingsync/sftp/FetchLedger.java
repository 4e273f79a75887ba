package io.billingsync.sftp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.records.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What was fetched from the server and is not yet moved off it there: one small record per file in
 * {@code <sync.work>/sftp/}, named by the file's {@link RemoteFile#id() id} (its name, size and modification time),
 * written to disk before the download is renamed into place and removed once the file is off the server. A file
 * with a record is never downloaded again, whatever happened in between (a kill, a remote move that failed).
 */
final class FetchLedger {
    static final String FOLDER = "sftp";
    private static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One fetched file: {@code temp} is the complete download's name in the inbox until it is renamed to
     * {@code target} (in the inbox, or in the dead-letter folder when its name cannot be used).
     */
    record Fetch(String id, String listedName, String printable, long size, long modified, String temp, String target,
                 boolean deadLetter) {
        RemoteFile remote() {
            return new RemoteFile(listedName, size, modified);
        }
    }

    private final Path folder;

    FetchLedger(Path workDir) {
        this.folder = workDir.resolve(FOLDER);
    }

    Fetch find(String id) {
        try {
            return JSON.readValue(Files.readAllBytes(folder.resolve(id + SUFFIX)), Fetch.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve(id + SUFFIX) + ": " + e.getMessage(), e);
        }
    }

    /** Forced to disk before this returns. */
    void remember(Fetch fetch) {
        AtomicFiles.createPrivateDirectories(folder);
        try {
            AtomicFiles.write(folder.resolve(fetch.id() + SUFFIX), JSON.writeValueAsBytes(fetch));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget(String id) {
        try {
            Files.deleteIfExists(folder.resolve(id + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder.resolve(id + SUFFIX) + ": " + e.getMessage(), e);
        }
    }

    List<Fetch> all() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Fetch> fetches = new ArrayList<>();
        try (Stream<Path> records = Files.list(folder)) {
            for (Path record : records.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = record.getFileName().toString();
                Fetch fetch = find(name.substring(0, name.length() - SUFFIX.length()));
                if (fetch != null) {
                    fetches.add(fetch);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return fetches;
    }
}
