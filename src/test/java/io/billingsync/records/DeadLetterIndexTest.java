package io.billingsync.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.failure.FailureCategory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead letters counted for the gauges: by category, with the oldest; a folder that did not change is not listed
 * again, and an error record already read is not read again; replayed and removed dead letters leave the counts.
 */
class DeadLetterIndexTest {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path root;

    private Path deadLetter(DeadLetterFolder folder, String name, FailureCategory category, Instant time) throws Exception {
        Path source = Files.writeString(root.resolve(name), "{\"customerId\":\"c\",\"changes\":{}}");
        return folder.moveWholeFile(source, name, new FailureRecord(category, "why", null, null, 1, null, null, time,
                name, 0, null, "id-" + name, "c"));
    }

    private int settled;

    /** The folder's time set a while back (a new time each call, as each change gives it), past the settling guard. */
    private void settle(Path dir) throws Exception {
        Files.setLastModifiedTime(dir, FileTime.from(NOW.minusSeconds(600 - ++settled)));
    }

    /** The folder's time set back to what it was: as if nothing had changed it. */
    private void unchanged(Path dir) throws Exception {
        Files.setLastModifiedTime(dir, FileTime.from(NOW.minusSeconds(600 - settled)));
    }

    @Test
    void countsByCategoryKeepsWhatItReadAndFollowsReplaysAndRemovals() throws Exception {
        DeadLetterFolder folder = new DeadLetterFolder(root.resolve("dead-letter"));
        DeadLetterIndex index = new DeadLetterIndex(folder.dir(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(index.refresh().total()).as("no folder yet").isZero();

        deadLetter(folder, "a.json", FailureCategory.INVALID, NOW.minusSeconds(3600));
        Path b = deadLetter(folder, "b.json", FailureCategory.INVALID, NOW.minusSeconds(60));
        deadLetter(folder, "c.json", FailureCategory.NOT_FOUND, NOW.minusSeconds(30));
        settle(folder.dir());
        DeadLetterIndex.Summary first = index.refresh();
        assertThat(first.byCategory()).containsExactly(Map.entry("invalid", 2L), Map.entry("not-found", 1L));
        assertThat(first.oldest()).isEqualTo(NOW.minusSeconds(3600));

        // the error record rewritten by hand while the folder's time stays: not read again
        Files.writeString(DeadLetterFolder.errorFile(b), "{\"category\":\"conflict\"}");
        unchanged(folder.dir());
        assertThat(index.refresh().byCategory()).as("unchanged folder, nothing read").containsEntry("invalid", 2L);

        folder.replay(root.resolve("inbox"), List.of("a.json"));
        Files.delete(folder.dir().resolve("c.json"));
        Files.writeString(folder.dir().resolve("by-hand.json"), "{}");
        settle(folder.dir());
        DeadLetterIndex.Summary after = index.refresh();
        assertThat(after.byCategory()).as("a replayed, c removed, one without an error record")
                .containsExactly(Map.entry("invalid", 1L), Map.entry("unknown", 1L));
        assertThat(after.total()).isEqualTo(2);
        assertThat(after.oldest()).isEqualTo(NOW.minusSeconds(60));
    }
}
