package io.billingsync.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dead letters present, counted by category, kept in memory for the gauges and the status: {@link #refresh()}
 * (on a schedule) looks at the folder only when its modification time changed, then lists the names and reads the
 * error record of the new ones alone; a scrape only reads the last {@link Summary}. Dead letters written, replayed or
 * removed by anyone (another process, by hand) are seen on the next refresh after it.
 */
public final class DeadLetterIndex {
    /** What a scrape reads: dead letters by category, the time of the oldest, when it was counted. */
    public record Summary(Map<String, Long> byCategory, long total, Instant oldest, Instant counted) {
    }

    /** A folder changed this recently may change again within its time's resolution: look again next time. */
    private static final Duration SETTLING = Duration.ofSeconds(2);

    private record Indexed(String category, Instant time) {
    }

    private final Path dir;
    private final Clock clock;
    private final Map<String, Indexed> byName = new HashMap<>();
    private FileTime seen;
    private volatile Summary summary;

    public DeadLetterIndex(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        this.summary = new Summary(Map.of(), 0, null, null);
    }

    public Summary summary() {
        return summary;
    }

    /** Brings the counts up to date with the folder; cheap when it has not changed since the last call. */
    public synchronized Summary refresh() {
        Instant now = clock.instant();
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(dir);
        } catch (NoSuchFileException absent) {
            byName.clear();
            seen = null;
            return summary = new Summary(Map.of(), 0, null, now);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (modified.equals(seen)) {
            return summary = new Summary(summary.byCategory(), summary.total(), summary.oldest(), now);
        }
        Set<String> present = listNames();
        byName.keySet().retainAll(present);
        for (String name : present) {
            byName.computeIfAbsent(name, n -> {
                DeadLetterEntry entry = DeadLetterEntry.read(dir, n);
                return new Indexed(entry.category(), entry.time());
            });
        }
        seen = modified.toInstant().isAfter(now.minus(SETTLING)) ? null : modified;
        return summary = summarize(now);
    }

    private Set<String> listNames() {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // by name alone, no stat per entry: the folder holds dead letters, their error records and replayed/
                if (DeadLetterReplay.isChangeFile(name) && !name.equals(DeadLetterReplay.REPLAYED)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return names;
    }

    private Summary summarize(Instant now) {
        Map<String, Long> counts = new TreeMap<>();
        Instant oldest = null;
        for (Indexed indexed : byName.values()) {
            counts.merge(indexed.category(), 1L, Long::sum);
            if (indexed.time() != null && (oldest == null || indexed.time().isBefore(oldest))) {
                oldest = indexed.time();
            }
        }
        return new Summary(Collections.unmodifiableMap(counts), byName.size(), oldest, now);
    }
}
