package io.billingsync.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.failure.FailureCategory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run killed between writing a dead letter and journaling its outcome finds when it is started again. */
class DeadLetterFolderTest {
    static final byte[] RAW = "{\"customerId\":\"c\",\"changes\":{\"email\":\"x\"}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;
    Path work;
    Path input;
    DeadLetterFolder deadLetters;

    @BeforeEach
    void setUp() throws IOException {
        work = root.resolve("work");
        input = Files.writeString(root.resolve("in.ndjson"), "{}\n{}\n");
        deadLetters = new DeadLetterFolder(root.resolve("dead-letter"));
    }

    private static FailureRecord failure(int index) {
        return new FailureRecord(FailureCategory.NOT_FOUND, "no such customer", 404, null, 1, "req", "corr",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(index), "in.ndjson", index, "line 1", "C", "c");
    }

    private static ChangeOutcome deadLettered(int index) {
        return ChangeOutcome.deadLettered(index, "C", "c", 1, "e1", "corr", "req", FailureCategory.NOT_FOUND,
                "no such customer", null);
    }

    @Test
    void aDeadLetterWrittenBeforeTheKillSettlesItsChangeOnRestartWithoutASecondOne() throws IOException {
        try (Journal killed = Journal.open(work, input)) {
            ChangeOutcome written = deadLetters.writeChange(killed, "in.ndjson", RAW, failure(1), deadLettered(1));
            assertThat(written.deadLetterFile()).isEqualTo("in.1.json");
            // killed here: the outcome never reached the journal
        }

        try (Journal resumed = Journal.open(work, input)) {
            ChangeOutcome settled = deadLetters.resume(resumed, 1);

            assertThat(settled).isEqualTo(deadLettered(1).withDeadLetterFile("in.1.json"));
            assertThat(deadLetters.resume(resumed, 0)).isNull();
        }
        assertThat(deadLetters.list()).containsExactly(deadLetters.dir().resolve("in.1.json"));
    }

    @Test
    void aDeadLetterCutShortByTheKillIsRemovedAndItsChangeRunsAgain() throws IOException {
        try (Journal killed = Journal.open(work, input)) {
            deadLetters.writeChange(killed, "in.ndjson", RAW, failure(1), deadLettered(1));
        }
        Files.delete(deadLetters.dir().resolve("in.1.json")); // killed after the error record, before the change

        try (Journal resumed = Journal.open(work, input)) {
            assertThat(deadLetters.resume(resumed, 1)).isNull();
            assertThat(deadLetters.dir()).isEmptyDirectory();
            ChangeOutcome again = deadLetters.writeChange(resumed, "in.ndjson", RAW, failure(1), deadLettered(1));
            assertThat(again.deadLetterFile()).isEqualTo("in.1.json");
        }
    }

    @Test
    void anotherFilesDeadLetterUnderTheNotedNameIsNeverTakenForThisOne() throws IOException {
        try (Journal killed = Journal.open(work, input)) {
            deadLetters.writeChange(killed, "in.ndjson", RAW, failure(1), deadLettered(1));
        }
        Path change = deadLetters.dir().resolve("in.1.json");
        Files.delete(change);
        Files.delete(DeadLetterFolder.errorFile(change));
        Journal other = Journal.fresh(work, "in.json");
        deadLetters.writeChange(other, "in.json", RAW, failure(7), deadLettered(1));
        other.delete();
        byte[] othersRecord = Files.readAllBytes(DeadLetterFolder.errorFile(change));

        try (Journal resumed = Journal.open(work, input)) {
            assertThat(deadLetters.resume(resumed, 1)).isNull();
            ChangeOutcome again = deadLetters.writeChange(resumed, "in.ndjson", RAW, failure(1), deadLettered(1));
            assertThat(again.deadLetterFile()).isEqualTo("in-2.1.json");
        }
        assertThat(DeadLetterFolder.errorFile(change)).hasBinaryContent(othersRecord);
    }

    @Test
    void aReplayInterruptedAfterTheCopyIntoTheInboxDoesNotReplayTheChangeTwice() throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        try (Journal journal = Journal.open(work, input)) {
            deadLetters.writeChange(journal, "in.ndjson", RAW, failure(1), deadLettered(1));
        }
        Files.write(inbox.resolve("in.1.json"), RAW); // copied into the inbox; killed before the dead letter was removed

        deadLetters.replay(inbox, List.of());

        assertThat(inbox).isDirectoryContaining(p -> p.getFileName().toString().equals("in.1.json"));
        try (var entries = Files.list(inbox)) {
            assertThat(entries.count()).isEqualTo(1);
        }
        assertThat(deadLetters.list()).isEmpty();
        assertThat(deadLetters.dir().resolve("replayed").resolve("in.1.json.error.json")).exists();
    }
}
