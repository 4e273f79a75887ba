package io.billingsync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.failure.FailureCategory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFailureLimitTest {
    @TempDir
    Path dir;

    private final FileFailureLimit limit = new FileFailureLimit();

    @Test
    void aFileThatExhaustsTheHeapIsGivenUpAtOnceWithTheFix() throws Exception {
        Path file = Files.writeString(dir.resolve("big.json"), "[]");

        assertThat(limit.giveUp(file, new OutOfMemoryError("Java heap space"))).isTrue();
        var record = limit.describe("big.json", new OutOfMemoryError("Java heap space"), Instant.EPOCH);
        assertThat(record.category()).isEqualTo(FailureCategory.INVALID);
        assertThat(record.message()).contains("big.json", "memory", "NDJSON");
    }

    @Test
    void otherFailuresAreGivenUpOnTheThirdInARowOfTheSameFileVersion() throws Exception {
        Path file = Files.writeString(dir.resolve("a.json"), "[]");
        RuntimeException failure = new UncheckedIOException(new java.io.IOException("disk"));

        assertThat(limit.giveUp(file, failure)).isFalse();
        assertThat(limit.giveUp(file, failure)).isFalse();
        assertThat(limit.giveUp(file, failure)).isTrue();
        assertThat(limit.describe("a.json", failure, Instant.EPOCH).message()).contains("a.json", "3 times", "disk", "replay");

        limit.giveUp(file, failure);
        limit.succeeded(file);
        assertThat(limit.giveUp(file, failure)).as("a success starts afresh").isFalse();
        Files.writeString(file, "[ ]");
        assertThat(limit.giveUp(file, failure)).as("a new version of the file starts afresh").isFalse();
    }
}
