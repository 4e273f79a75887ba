package io.billingsync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRetriesTest {
    @TempDir
    Path inbox;
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    FileRetries retries;

    @BeforeEach
    void create() throws IOException {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        retries = new FileRetries(inbox, Duration.ofSeconds(1), Duration.ofSeconds(10), clock);
        Files.writeString(inbox.resolve("a.json"), "[]");
        Files.writeString(inbox.resolve("b.json"), "[]");
    }

    @Test
    void theBackOffDoublesFromTheFirstDelayUpToTheCap() {
        assertThat(retries.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retries.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retries.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(retries.backoff(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retries.backoff(1000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aFailedFileWaitsOutItsBackOffAndHoldsBackEveryLaterFile() {
        FileRetries.Unsettled first = retries.failed("a.json", "credentials refused");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(retries.due("a.json")).isFalse();
        assertThat(retries.heldBackBy("b.json")).isEqualTo("a.json");
        assertThat(retries.heldBackBy("0-earlier.json")).isNull();

        now = now.plusSeconds(1);
        assertThat(retries.due("a.json")).isTrue();
        FileRetries.Unsettled second = retries.failed("a.json", "credentials refused");
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.since()).isEqualTo(first.since());
        assertThat(second.nextAttempt()).isEqualTo(now.plusSeconds(2));
        assertThat(retries.failing()).extracting(FileRetries.Unsettled::file).containsExactly("a.json");

        assertThat(retries.settled("a.json").attempts()).isEqualTo(2);
        assertThat(retries.heldBackBy("b.json")).isNull();
        assertThat(retries.failing()).isEmpty();
    }

    @Test
    void anInterruptedFileIsDueAtOnceButStillHoldsBackLaterFiles() {
        retries.interrupted("a.json");

        assertThat(retries.due("a.json")).isTrue();
        assertThat(retries.heldBackBy("b.json")).isEqualTo("a.json");
        assertThat(retries.failing()).isEmpty();
        assertThat(retries.settled("a.json")).as("no failure episode ended").isNull();
    }

    @Test
    void aFailedFileTakenOutOfTheInboxByHandHoldsNothingBack() throws IOException {
        retries.failed("a.json", "folder unusable");
        Files.delete(inbox.resolve("a.json"));

        assertThat(retries.heldBackBy("b.json")).isNull();
    }
}
