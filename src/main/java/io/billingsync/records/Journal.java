package io.billingsync.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The journal of one input file in progress: one line per change outcome, appended as each change settles.
 * A run killed at any moment leaves the journal behind; the next run skips the changes it names, so nothing
 * is applied twice. Lines go straight to the operating system (no buffering in the JVM), which keeps them
 * when the process is killed. The header line ties the journal to the file's size and modification time, so
 * a new file that reuses the name starts afresh.
 */
public final class Journal implements AutoCloseable {
    static final String SUFFIX = ".journal";

    private final Path path;
    private final Map<Integer, ChangeOutcome> completed;
    private FileChannel channel;

    private Journal(Path path, Map<Integer, ChangeOutcome> completed, FileChannel channel) {
        this.path = path;
        this.completed = completed;
        this.channel = channel;
    }

    public static Journal open(Path workDir, Path inputFile) {
        AtomicFiles.createPrivateDirectories(workDir);
        Path path = workDir.resolve(inputFile.getFileName() + SUFFIX);
        try {
            String identity = identity(inputFile);
            Map<Integer, ChangeOutcome> completed = new HashMap<>();
            if (Files.exists(path) && !readInto(path, identity, completed)) {
                Files.delete(path);
                completed.clear();
            }
            boolean fresh = !Files.exists(path);
            FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), AtomicFiles.fileAttributes(AtomicFiles.OWNER_FILE));
            Journal journal = new Journal(path, completed, channel);
            if (fresh) {
                journal.append(identity);
            } else if (channel.size() > 0) {
                journal.append(""); // ends a line torn by a crash, so the next record starts on its own line
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + path + ": " + e.getMessage(), e);
        }
    }

    private static String identity(Path inputFile) throws IOException {
        return RecordJson.MAPPER.writeValueAsString(Map.of("file", inputFile.getFileName().toString(),
                "size", Files.size(inputFile), "modified", Files.getLastModifiedTime(inputFile).toMillis()));
    }

    /** Reads an existing journal; false when it belongs to another file of the same name. */
    private static boolean readInto(Path path, String identity, Map<Integer, ChangeOutcome> completed) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !RecordJson.MAPPER.readTree(header).equals(RecordJson.MAPPER.readTree(identity))) {
                return false;
            }
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ChangeOutcome outcome = RecordJson.MAPPER.readValue(line, ChangeOutcome.class);
                    completed.put(outcome.index(), outcome);
                } catch (JsonProcessingException torn) {
                    // the last line of a run killed mid-write: that change simply runs again
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Outcomes recorded by an earlier, interrupted run of this file. */
    public Map<Integer, ChangeOutcome> completed() {
        return Map.copyOf(completed);
    }

    public void record(ChangeOutcome outcome) {
        try {
            append(RecordJson.MAPPER.writeValueAsString(outcome));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + path + ": " + e.getMessage(), e);
        }
    }

    private synchronized void append(String line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The file is archived with its result record: its journal is no longer needed. */
    public synchronized void delete() {
        try {
            close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete journal " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Removes journals whose input file is no longer in the inbox (archived just before a crash). */
    public static void removeOrphans(Path workDir, Path inbox) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(workDir)) {
            for (Path journal : entries.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = journal.getFileName().toString();
                if (!Files.exists(inbox.resolve(name.substring(0, name.length() - SUFFIX.length())))) {
                    Files.deleteIfExists(journal);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + workDir + ": " + e.getMessage(), e);
        }
    }

}
