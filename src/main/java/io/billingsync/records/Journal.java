package io.billingsync.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The journal of one input file in progress: one line per change outcome, appended as each change settles; the
 * outcomes of a write of several changes share one line ({@link #recordWrite}), so a kill leaves all or none.
 * A run killed at any moment leaves the journal behind; the next run skips the changes it names, so nothing
 * is applied twice. Lines go straight to the operating system ({@link JournalLines}). The header line ties the
 * journal to its input file ({@link JournalFolder}), while lines appended to an NDJSON file keep what was settled.
 * <p>
 * Only where each outcome's line starts is kept in memory ({@link SettledChanges}); the outcomes are read back
 * from disk, in input order, for the result record, so a file of millions of changes needs little memory.
 * <p>
 * Before a dead letter is written or the file archived, a {@link WriteIntent} line names what will be written;
 * a resumed run reads back the intents not yet followed by their outcome (at most the changes that were in
 * flight), so it completes that write instead of making a second one.
 */
public final class Journal implements AutoCloseable {
    private final Path path;
    private final JournalLines lines;
    private final SettledChanges settled = new SettledChanges();
    /** Intents an interrupted run left without an outcome, by {@link WriteIntent#key()}. */
    private final Map<String, WriteIntent> openIntents = new HashMap<>();
    private boolean closed;

    private Journal(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.lines = new JournalLines(channel);
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
        Path path = JournalFolder.pathFor(workDir, input.identity().file());
        try {
            AtomicFiles.createPrivateDirectories(workDir);
            if (Files.exists(path) && !JournalFolder.belongsTo(path, input, appendable)) {
                Files.delete(path);
            }
            return open(path, RecordJson.MAPPER.writeValueAsString(input.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** A journal that always starts empty (dry runs, desired-state ticks): the outcomes, kept off the heap. */
    public static Journal fresh(Path workDir, String name) {
        Path path = JournalFolder.pathFor(workDir, name);
        try {
            AtomicFiles.createPrivateDirectories(workDir);
            Files.deleteIfExists(path);
            return open(path, RecordJson.MAPPER.writeValueAsString(Map.of("file", name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + path + ": " + e.getMessage(), e);
        }
    }

    private static Journal open(Path path, String identity) throws IOException {
        FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), AtomicFiles.fileAttributes(AtomicFiles.OWNER_FILE));
        Journal journal = new Journal(path, channel);
        try {
            if (journal.lines.isEmpty()) {
                journal.lines.append(identity.getBytes(StandardCharsets.UTF_8));
            } else {
                journal.readBack();
            }
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    /** Indexes the outcomes and open intents an interrupted run recorded. */
    private void readBack() throws IOException {
        JournalReadBack.read(lines, new JournalReadBack.Records() {
            @Override
            public void outcome(ChangeOutcome outcome, long lineStart) {
                if (!isSettled(outcome.index())) {
                    remember(outcome, lineStart);
                }
            }

            @Override
            public void intent(WriteIntent intent) {
                openIntents.put(intent.key(), intent);
            }
        });
    }

    /** Notes what is about to be written outside the journal, before writing it. */
    public void intend(WriteIntent intent) {
        try {
            byte[] line = RecordJson.MAPPER.writeValueAsBytes(intent);
            synchronized (this) {
                lines.append(line);
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
        return settled.isSettled(index);
    }

    public synchronized int settledCount() {
        return settled.count();
    }

    /** The counts of the outcomes recorded so far. */
    public synchronized ResultSummary summary() {
        return settled.summary();
    }

    public void record(ChangeOutcome outcome) {
        try {
            byte[] line = RecordJson.MAPPER.writeValueAsBytes(outcome);
            synchronized (this) {
                remember(outcome, lines.append(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The outcomes of the changes of one write of several, in one line: a line torn by a kill is skipped when read
     * back, so either every change of the write is settled or none is (and the resumed run forms the same write).
     */
    public void recordWrite(List<ChangeOutcome> outcomes) {
        try {
            byte[] line = RecordJson.MAPPER.writeValueAsBytes(new WriteLine(outcomes));
            synchronized (this) {
                long start = lines.append(line);
                outcomes.forEach(outcome -> remember(outcome, start));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + path + ": " + e.getMessage(), e);
        }
    }

    private void remember(ChangeOutcome outcome, long lineStart) {
        settled.add(outcome, lineStart);
        openIntents.remove(WriteIntent.deadLetterKey(outcome.index()));
    }

    /** The recorded outcome of a settled change, read back from disk. */
    public synchronized ChangeOutcome outcome(int index) {
        try {
            return WriteLine.outcome(lines.readLine(settled.lineStart(index)), index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** Every recorded outcome once, in input (index) order, read back from disk. */
    public synchronized void forEach(Consumer<ChangeOutcome> action) {
        for (int index = 0; index < settled.indexLimit(); index++) {
            if (settled.isSettled(index)) {
                action.accept(outcome(index));
            }
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
            lines.close();
        }
    }
}
