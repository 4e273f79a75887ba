package io.billingsync.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;

/**
 * The change files waiting in the inbox (the one in progress included) and the oldest of them, counted on a schedule
 * ({@link #refresh()}) and kept for the gauges and the status: a scrape never lists the inbox. A file's age is taken
 * from its modification time, the moment it was written (a rename into the inbox keeps it).
 */
public final class InboxBacklog {
    /** {@code oldest}: the oldest waiting file's name, null when none waits. */
    public record Backlog(long files, String oldest, Instant oldestWritten, Instant counted) {
    }

    private final Path inbox;
    private final Clock clock;
    private volatile Backlog backlog = new Backlog(0, null, null, null);

    public InboxBacklog(Path inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    public Backlog backlog() {
        return backlog;
    }

    public Backlog refresh() {
        long files = 0;
        String oldest = null;
        Instant oldestWritten = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!InboxFileFilter.isChangeFileName(name)) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue; // completed meanwhile
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                files++;
                Instant written = attributes.lastModifiedTime().toInstant();
                if (oldestWritten == null || written.isBefore(oldestWritten)) {
                    oldestWritten = written;
                    oldest = name;
                }
            }
        } catch (NoSuchFileException absent) {
            // no inbox yet: nothing waits
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list the inbox " + inbox + ": " + e.getMessage(), e);
        }
        return backlog = new Backlog(files, oldest, oldestWritten, clock.instant());
    }
}
