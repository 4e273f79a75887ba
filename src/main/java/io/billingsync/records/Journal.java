package io.billingsync.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The journal of one input file in progress: one line per change outcome, appended as each change settles.
 * A run killed at any moment leaves the journal behind; the next run skips the changes it names, so nothing
 * is applied twice. Lines go straight to the operating system (no buffering in the JVM), which keeps them
 * when the process is killed. The header line ties the journal to the file's size and modification time, so
 * a new file that reuses the name starts afresh, while lines appended to an NDJSON file keep what was settled.
 * <p>
 * Only where each index's line starts is kept in memory (8 bytes a change); the outcomes are read back from
 * disk, in input order, for the result record, so a file of millions of changes needs little memory.
 * <p>
 * Before a dead letter is written or the file archived, a {@link WriteIntent} line names what will be written;
 * a resumed run reads back the intents not yet followed by their outcome (at most the changes that were in
 * flight), so it completes that write instead of making a second one.
 */
public final class Journal implements AutoCloseable {
    static final String SUFFIX = ".journal";
    private static final byte NEWLINE = '\n';

    private final Path path;
    private final FileChannel channel;
    private final ResultSummary.Counter counts = new ResultSummary.Counter();
    /** Per change index: 1 + the offset of its line, 0 while it has no outcome. */
    private long[] lineStarts = new long[1024];
    /** Intents an interrupted run left without an outcome, by {@link WriteIntent#key()}. */
    private final Map<String, WriteIntent> openIntents = new HashMap<>();
    private int settledCount;
    private long end;
    private boolean closed;

    private Journal(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.end = channel.size();
    }

    /** The journal of an inbox file: resumed when an earlier run of the same file was interrupted. */
    public static Journal open(Path workDir, Path inputFile) {
        try (OpenedFile input = OpenedFile.open(inputFile)) {
            return open(workDir, input, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + inputFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The journal of an opened inbox file: resumed when an earlier run of the same file was interrupted, also
     * (when {@code appendable}) if lines were added to the file since.
     */
    public static Journal open(Path workDir, OpenedFile input, boolean appendable) {
        Path path = pathFor(workDir, input.identity().file());
        try {
            AtomicFiles.createPrivateDirectories(workDir);
            if (Files.exists(path) && !belongsTo(path, input, appendable)) {
                Files.delete(path);
            }
            return open(path, RecordJson.MAPPER.writeValueAsString(input.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** A journal that always starts empty (dry runs, desired-state ticks): the outcomes, kept off the heap. */
    public static Journal fresh(Path workDir, String name) {
        Path path = pathFor(workDir, name);
        try {
            AtomicFiles.createPrivateDirectories(workDir);
            Files.deleteIfExists(path);
            return open(path, RecordJson.MAPPER.writeValueAsString(Map.of("file", name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** Where the journal of the input file (or run) called {@code name} is kept. */
    public static Path pathFor(Path workDir, String name) {
        return workDir.resolve(FileNames.withSuffix(name, SUFFIX));
    }

    private static Journal open(Path path, String identity) throws IOException {
        FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), AtomicFiles.fileAttributes(AtomicFiles.OWNER_FILE));
        Journal journal = new Journal(path, channel);
        try {
            if (journal.end == 0) {
                journal.append(identity.getBytes(StandardCharsets.UTF_8));
            } else {
                journal.readBack();
            }
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    /** Whether an existing journal belongs to this very file (not another one that reused the name). */
    private static boolean belongsTo(Path path, OpenedFile input, boolean appendable) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] header = readLine(channel, 0);
            if (header == null) {
                return false;
            }
            OpenedFile.Identity journaled = RecordJson.MAPPER.readValue(header, OpenedFile.Identity.class);
            OpenedFile.Identity current = input.identity();
            boolean same = journaled.size() == current.size() && journaled.modified() == current.modified()
                    && current.file().equals(journaled.file());
            return same || appendable && input.grewFrom(journaled);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Indexes the outcomes an interrupted run recorded; a line torn by a crash is ended and skipped. */
    private void readBack() throws IOException {
        long offset = readLine(channel, 0).length + 1L;
        while (offset < end) {
            byte[] line = readLine(channel, offset);
            if (line == null) {
                append(new byte[0]); // ends the torn last line, so the next record starts on its own line
                break;
            }
            JsonNode node = parse(line);
            if (node != null && node.has("kind")) {
                WriteIntent intent = RecordJson.MAPPER.treeToValue(node, WriteIntent.class);
                openIntents.put(intent.key(), intent);
            } else if (node != null) {
                ChangeOutcome outcome = RecordJson.MAPPER.treeToValue(node, ChangeOutcome.class);
                if (!isSettled(outcome.index())) {
                    remember(outcome, offset);
                }
            }
            offset += line.length + 1L;
        }
    }

    private static JsonNode parse(byte[] line) throws IOException {
        if (line.length == 0) {
            return null;
        }
        try {
            JsonNode node = RecordJson.MAPPER.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException torn) {
            return null; // the last line of a run killed mid-write: that change simply runs again
        }
    }

    /** Notes what is about to be written outside the journal, before writing it. */
    public void intend(WriteIntent intent) {
        try {
            byte[] line = RecordJson.MAPPER.writeValueAsBytes(intent);
            synchronized (this) {
                append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** The intent an interrupted run left for this change's dead letter, if its outcome never followed. */
    public synchronized WriteIntent openDeadLetterIntent(int index) {
        return isSettled(index) ? null : openIntents.get(WriteIntent.deadLetterKey(index));
    }

    /** The intent an interrupted run left for the file itself ({@link WriteIntent#ARCHIVE} or a whole-file dead letter). */
    public synchronized WriteIntent openFileIntent(String kind) {
        return openIntents.get(kind);
    }

    /** Whether the change at this index already has its outcome (from this run or an interrupted one). */
    public synchronized boolean isSettled(int index) {
        return index < lineStarts.length && lineStarts[index] != 0;
    }

    public synchronized int settledCount() {
        return settledCount;
    }

    /** The counts of the outcomes recorded so far. */
    public synchronized ResultSummary summary() {
        return counts.summary();
    }

    public void record(ChangeOutcome outcome) {
        try {
            byte[] line = RecordJson.MAPPER.writeValueAsBytes(outcome);
            synchronized (this) {
                remember(outcome, append(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + path + ": " + e.getMessage(), e);
        }
    }

    private void remember(ChangeOutcome outcome, long lineStart) {
        int index = outcome.index();
        if (index >= lineStarts.length) {
            lineStarts = Arrays.copyOf(lineStarts, Math.max(index + 1, lineStarts.length * 2));
        }
        lineStarts[index] = lineStart + 1;
        openIntents.remove(WriteIntent.deadLetterKey(index));
        settledCount++;
        counts.add(outcome);
    }

    /** Every recorded outcome once, in input (index) order, read back from disk. */
    public synchronized void forEach(Consumer<ChangeOutcome> action) {
        try {
            for (int index = 0; index < lineStarts.length; index++) {
                if (lineStarts[index] != 0) {
                    action.accept(RecordJson.MAPPER.readValue(readLine(channel, lineStarts[index] - 1), ChangeOutcome.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends one line; returns where it starts. A line that cannot be written whole (disk full) is taken back. */
    private long append(byte[] line) throws IOException {
        long start = end;
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put(NEWLINE).flip();
        try {
            while (buffer.hasRemaining()) {
                end += channel.write(buffer, end);
            }
        } catch (IOException e) {
            end = start;
            try {
                channel.truncate(start);
            } catch (IOException ignored) {
                // a torn line is skipped when read back
            }
            throw e;
        }
        return start;
    }

    /** The line starting at {@code offset}, without its newline; null when the file ends before a newline. */
    private static byte[] readLine(FileChannel channel, long offset) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        for (long position = offset; ; ) {
            chunk.clear();
            int read = channel.read(chunk, position);
            if (read <= 0) {
                return null;
            }
            byte[] bytes = chunk.array();
            for (int i = 0; i < read; i++) {
                if (bytes[i] == NEWLINE) {
                    line.write(bytes, 0, i);
                    return line.toByteArray();
                }
            }
            line.write(bytes, 0, read);
            position += read;
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
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    /** The input file's name from the journal's header (its own name may be shortened); null when unreadable. */
    private static String inputName(Path journal) {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
            byte[] header = readLine(channel, 0);
            return header == null ? null : RecordJson.MAPPER.readTree(header).path("file").textValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Removes journals whose input file is no longer in the inbox (archived just before a crash). */
    public static void removeOrphans(Path workDir, Path inbox) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(workDir)) {
            for (Path journal : entries.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                String input = inputName(journal);
                if (input == null || !Files.exists(inbox.resolve(input))) {
                    Files.deleteIfExists(journal);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + workDir + ": " + e.getMessage(), e);
        }
    }
}
