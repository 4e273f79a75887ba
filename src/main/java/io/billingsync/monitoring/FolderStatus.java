package io.billingsync.monitoring;

import io.billingsync.batch.InboxBacklog;
import io.billingsync.records.DeadLetterIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The status read from the folders, for when no service answers: the inbox, the dead letters, a file a stopped run
 * left unfinished (its journal in the work folder), the last file completed (the newest result record) and the
 * refresh token's last rotation (its file's time). What only a running service knows (its role, a pause, the file
 * it is halted on) is absent.
 */
public final class FolderStatus {
    private static final String JOURNAL = ".journal";
    private static final String RESULT = ".result.json";

    /** The folders of the settings; {@code refreshTokenFile} null without one. */
    public record Folders(Path inbox, Path done, Path deadLetter, Path work, Path refreshTokenFile) {
    }

    private final Folders folders;
    private final Clock clock;

    public FolderStatus(Folders folders, Clock clock) {
        this.folders = folders;
        this.clock = clock;
    }

    public ServiceStatus read() {
        Instant now = clock.instant();
        InboxBacklog.Backlog backlog = new InboxBacklog(folders.inbox(), clock).refresh();
        ServiceStatus.Inbox inbox = StatusProblems.inbox(backlog, now);
        ServiceStatus.DeadLetters deadLetters = StatusProblems.deadLetters(new DeadLetterIndex(folders.deadLetter(), clock).refresh());
        Instant rotated = modified(folders.refreshTokenFile());
        ServiceStatus.InProgress interrupted = interrupted();
        List<String> problems = new StatusProblems(now).inbox(inbox).deadLetters(deadLetters).refreshToken(rotated)
                .add(interrupted == null ? null : interrupted.file() + " was left unfinished by a stopped run: the next"
                        + " start resumes it from its journal")
                .list();
        return new ServiceStatus(ServiceStatus.FROM_FOLDERS, now, ServiceStatus.Verdict.of(null, problems), problems,
                null, inbox, interrupted, null, deadLetters, null, null, null, newestResult(), rotated);
    }

    /** The first inbox file with a journal in the work folder: a run stopped while processing it. */
    private ServiceStatus.InProgress interrupted() {
        for (Path journal : list(folders.work(), JOURNAL)) {
            String name = journal.getFileName().toString();
            String file = name.substring(0, name.length() - JOURNAL.length());
            if (Files.exists(folders.inbox().resolve(file))) {
                return new ServiceStatus.InProgress(file, null, modified(journal));
            }
        }
        return null;
    }

    private Instant newestResult() {
        Instant newest = null;
        for (Path result : list(folders.done(), RESULT)) {
            if (result.getFileName().toString().endsWith(".dry-run" + RESULT)) {
                continue;
            }
            Instant time = modified(result);
            if (time != null && (newest == null || time.isAfter(newest))) {
                newest = time;
            }
        }
        return newest;
    }

    private static List<Path> list(Path dir, String suffix) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + suffix)) {
            List<Path> found = new java.util.ArrayList<>();
            entries.forEach(found::add);
            found.sort(null);
            return found;
        } catch (NoSuchFileException absent) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return file == null ? null : Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
