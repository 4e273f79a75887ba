package io.billingsync.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The dead-letter folder: each change that could not be applied, exactly as it was given (so it can be fixed
 * and replayed), with {@code <name>.error.json} beside it; whole files that could not be read at all.
 */
public final class DeadLetterFolder {
    static final String ERROR_SUFFIX = ".error.json";

    private final Path dir;

    public DeadLetterFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes one change as a dead letter of its own: {@code <source stem>.<index>.json}, or {@code <stem>-2.<index>.json}
     * and so on when that name or its error record is taken, so an earlier dead letter is never replaced. The name
     * and a digest of the error record go to the file's journal first; the error record is written before the
     * change, so a dead letter is complete once its change file exists (see {@link #resume}).
     */
    public synchronized ChangeOutcome writeChange(Journal journal, String sourceFileName, byte[] raw, FailureRecord failure,
                                                  ChangeOutcome outcome) {
        AtomicFiles.createPrivateDirectories(dir);
        Path target = uniqueChangeName(changeName(sourceFileName, outcome.index()));
        byte[] record = RecordJson.pretty(failure);
        ChangeOutcome written = outcome.withDeadLetterFile(target.getFileName().toString());
        journal.intend(new WriteIntent(WriteIntent.DEAD_LETTER, outcome.index(), target.getFileName().toString(),
                digest(record), written));
        AtomicFiles.write(errorFile(target), record);
        AtomicFiles.write(target, raw);
        return written;
    }

    /**
     * The desired-state file is applied again every tick: a change of it dead-lettered before with the very same
     * bytes is rewritten in place (with the latest reason) instead of piling up a dead letter per tick.
     */
    public synchronized ChangeOutcome writeRecurringChange(String sourceFileName, byte[] raw, FailureRecord failure,
                                                           ChangeOutcome outcome) {
        AtomicFiles.createPrivateDirectories(dir);
        String name = changeName(sourceFileName, outcome.index());
        Path target = dir.resolve(name);
        if (Files.exists(target) && !sameBytes(target, raw)) {
            target = uniqueChangeName(name);
        }
        AtomicFiles.write(errorFile(target), RecordJson.pretty(failure));
        AtomicFiles.write(target, raw);
        return outcome.withDeadLetterFile(target.getFileName().toString());
    }

    /**
     * After a restart, the dead letter an interrupted run set out to write for this change. When it is complete,
     * the change's outcome is returned: the change is settled as it was, nothing is sent or written again. A
     * partial one (error record only) is removed and null returned, so the change runs again.
     */
    public synchronized ChangeOutcome resume(Journal journal, int index) {
        WriteIntent intent = journal.openDeadLetterIntent(index);
        if (intent == null || !ownErrorRecord(intent)) {
            return null;
        }
        Path target = dir.resolve(intent.name());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return intent.outcome();
        }
        delete(errorFile(target));
        return null;
    }

    /**
     * A file that cannot be read as change requests at all goes here whole, under a name of its own, with its error
     * record. Noted in the journal first: when a restart finds the file already copied here (moved across file
     * systems, interrupted before the inbox copy was removed), only the inbox copy is removed.
     */
    public synchronized Path moveWholeFile(Journal journal, Path file, FailureRecord failure) {
        AtomicFiles.createPrivateDirectories(dir);
        WriteIntent earlier = journal.openFileIntent(WriteIntent.DEAD_LETTER_FILE);
        if (earlier != null && ownErrorRecord(earlier)) {
            Path target = dir.resolve(earlier.name());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                delete(file);
                return target;
            }
            delete(errorFile(target));
        }
        Path target = uniqueChangeName(file.getFileName().toString());
        byte[] record = RecordJson.pretty(failure);
        journal.intend(new WriteIntent(WriteIntent.DEAD_LETTER_FILE, null, target.getFileName().toString(), digest(record), null));
        AtomicFiles.write(errorFile(target), record);
        AtomicFiles.moveAtomically(file, target);
        return target;
    }

    /**
     * A file whose name cannot be used (not valid in the file-name encoding) goes here whole under {@code name}, one
     * that can; no journal can be kept for such a file, so an interrupted move is simply done again.
     */
    public synchronized Path moveWholeFile(Path file, String name, FailureRecord failure) {
        AtomicFiles.createPrivateDirectories(dir);
        Path target = uniqueChangeName(name);
        AtomicFiles.write(errorFile(target), RecordJson.pretty(failure));
        AtomicFiles.moveAtomically(file, target);
        return target;
    }

    /** The replayable change files, in name order. */
    public List<Path> list() {
        return new DeadLetterReplay(this).replayable();
    }

    /**
     * Moves dead-lettered changes (all when {@code names} is empty) back into the inbox, each in one step; their
     * error records are kept in {@code replayed/}.
     */
    public synchronized List<Path> replay(Path inbox, List<String> names) {
        return new DeadLetterReplay(this).replay(inbox, names);
    }

    static Path errorFile(Path change) {
        return AtomicFiles.companion(change, ERROR_SUFFIX);
    }

    private static String changeName(String sourceFileName, int index) {
        return FileNames.withSuffix(stem(sourceFileName), "." + index + ".json");
    }

    /** Whether the error record the intent names is the one it was written with (not another dead letter's). */
    private boolean ownErrorRecord(WriteIntent intent) {
        try {
            Path record = errorFile(dir.resolve(intent.name()));
            return Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)
                    && digest(Files.readAllBytes(record)).equals(intent.recordDigest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + intent.name() + ERROR_SUFFIX + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    private Path uniqueChangeName(String name) {
        return AtomicFiles.uniqueName(dir, name, ERROR_SUFFIX);
    }

    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    static boolean sameBytes(Path file, byte[] raw) {
        try {
            return Arrays.equals(Files.readAllBytes(file), raw);
        } catch (IOException e) {
            return false;
        }
    }
}
