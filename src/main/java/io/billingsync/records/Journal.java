package io.billingsync.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The journal of one input file in progress: one line per change outcome, appended as each change settles; the
 * outcomes of a write of several changes share one line ({@link #recordWrite}), so a kill leaves all or none.
 * A run killed at any moment leaves the journal behind; the next run skips the changes it names, so nothing
 * is applied twice. Lines go straight to the operating system ({@link JournalLines}). The header line ties the
 * journal to its input file ({@link JournalFolder}), while lines appended to an NDJSON file keep what was settled.
 * <p>
 * Only where each outcome's line starts is kept in memory ({@link JournalIndex}); the outcomes are read back
 * from disk, in input order, for the result record, so a file of millions of changes needs little memory.
 * <p>
 * Before a dead letter is written or the file archived, a {@link WriteIntent} line names what will be written;
 * a resumed run reads back the intents not yet followed by their outcome (at most the changes that were in
 * flight), so it completes that write instead of making a second one.
 */
public final class Journal implements AutoCloseable {
    private final Path path;
    private final JournalLines lines;
    private final JournalIndex recorded = new JournalIndex();
    private final SettledChanges settled = recorded.settled();
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
                JournalReadBack.read(journal.lines, journal.recorded);
            }
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    /** Notes what is about to be written outside the journal, before writing it. */
    public void intend(WriteIntent intent) {
        append(intent, lineStart -> { });
    }

    /** The intent an interrupted run left for this change's dead letter, if its outcome never followed. */
    public synchronized WriteIntent openDeadLetterIntent(int index) {
        return recorded.openDeadLetterIntent(index);
    }

    /** The intent an interrupted run left for the file itself ({@link WriteIntent#ARCHIVE} or a whole-file dead letter). */
    public synchronized WriteIntent openFileIntent(String kind) {
        return recorded.openFileIntent(kind);
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
        append(outcome, lineStart -> recorded.add(outcome, lineStart));
    }

    /**
     * The outcomes of the changes of one write of several, in one line: a line torn by a kill is skipped when read
     * back, so either every change of the write is settled or none is (and the resumed run forms the same write).
     */
    public void recordWrite(List<ChangeOutcome> outcomes) {
        append(new WriteLine(outcomes), lineStart -> outcomes.forEach(outcome -> recorded.add(outcome, lineStart)));
    }

    /** Appends the record as one line; {@code appended} gets where the line starts, under the journal's lock. */
    private void append(Object record, LongConsumer appended) {
        try {
            byte[] line = RecordJson.MAPPER.writeValueAsBytes(record);
            synchronized (this) {
                appended.accept(lines.append(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + path + ": " + e.getMessage(), e);
        }
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
