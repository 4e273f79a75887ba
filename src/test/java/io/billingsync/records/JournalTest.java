package io.billingsync.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.partnercenter.AddressValidation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path root;
    Path work;
    Path input;

    @BeforeEach
    void inputFile() throws IOException {
        work = root.resolve("work");
        input = Files.writeString(root.resolve("changes.ndjson"), "{}\n{}\n{}\n{}\n");
    }

    private static ChangeOutcome applied(int index) {
        return ChangeOutcome.settled(index, "C-" + index, "customer-" + index, Outcome.APPLIED, 1, "e1", "e2",
                List.of("email"), "corr-" + index, "req-" + index);
    }

    private static List<Integer> indexes(Journal journal) {
        List<Integer> seen = new ArrayList<>();
        journal.forEach(outcome -> seen.add(outcome.index()));
        return seen;
    }

    @Test
    void outcomesComeBackInInputOrderWhateverOrderTheySettledIn() throws IOException {
        try (Journal journal = Journal.open(work, input)) {
            for (int index : new int[] {3, 0, 2, 1}) {
                journal.record(applied(index));
            }
            assertThat(indexes(journal)).containsExactly(0, 1, 2, 3);
            assertThat(journal.settledCount()).isEqualTo(4);
            assertThat(journal.summary().applied()).isEqualTo(4);
            List<ChangeOutcome> read = new ArrayList<>();
            journal.forEach(read::add);
            assertThat(read.get(2)).isEqualTo(applied(2));
        }
    }

    @Test
    void whatAddressValidationSaidComesBackWithItsOutcomeAfterAKill() throws IOException {
        ObjectNode suggested = new ObjectMapper().createObjectNode().put("addressLine1", "1 Microsoft Way");
        ChangeOutcome validated = applied(1).withAddressValidation(new AddressValidation("StreetPartial", "partial",
                List.of(suggested), null));
        ChangeOutcome unvalidated = applied(2).withAddressValidation(AddressValidation.unavailable("HTTP 503"));
        try (Journal journal = Journal.open(work, input)) {
            journal.record(validated);
            journal.record(unvalidated);
        }
        try (Journal resumed = Journal.open(work, input)) {
            assertThat(resumed.outcome(1)).isEqualTo(validated);
            assertThat(resumed.outcome(2)).isEqualTo(unvalidated);
        }
    }

    @Test
    void aKilledRunResumesWithWhatItSettledAndATornLastLineIsDropped() throws IOException {
        Journal first = Journal.open(work, input);
        first.record(applied(0));
        first.record(applied(2));
        first.close();
        Path path = work.resolve("changes.ndjson.journal");
        Files.writeString(path, "{\"index\":1,\"chan", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (Journal resumed = Journal.open(work, input)) {
            assertThat(resumed.isSettled(0)).isTrue();
            assertThat(resumed.isSettled(1)).as("torn line: runs again").isFalse();
            assertThat(resumed.isSettled(2)).isTrue();
            resumed.record(applied(1));
            assertThat(indexes(resumed)).containsExactly(0, 1, 2);
            assertThat(resumed.summary().total()).isEqualTo(3);
        }
        try (Journal again = Journal.open(work, input)) {
            assertThat(indexes(again)).containsExactly(0, 1, 2);
        }
    }

    @Test
    void theOutcomesOfOneWriteAreSettledAllOrNoneAfterAKill() throws IOException {
        List<ChangeOutcome> write = List.of(applied(1).inWrite(List.of(1, 2, 3), 3), applied(2).inWrite(List.of(1, 2, 3), null),
                applied(3).inWrite(List.of(1, 2, 3), null));
        try (Journal journal = Journal.open(work, input)) {
            journal.record(applied(0));
            journal.recordWrite(write);
            assertThat(indexes(journal)).containsExactly(0, 1, 2, 3);
        }
        Path path = work.resolve("changes.ndjson.journal");
        try (Journal resumed = Journal.open(work, input)) {
            List<ChangeOutcome> read = new ArrayList<>();
            resumed.forEach(read::add);
            assertThat(read.subList(1, 4)).isEqualTo(write);
            assertThat(read.get(1).message()).startsWith("overwritten in the same write by change #3");
            // what a resumed file remembers again in the change history, change by change
            assertThat(resumed.outcome(2)).isEqualTo(write.get(1));
        }
        // the same write cut short by a kill: none of its changes is settled, the resumed run forms it again
        String whole = Files.readString(path);
        int writeLine = whole.indexOf("{\"write\"");
        Files.writeString(path, whole.substring(0, writeLine + (whole.length() - writeLine) * 2 / 3));
        try (Journal resumed = Journal.open(work, input)) {
            assertThat(resumed.isSettled(0)).isTrue();
            assertThat(List.of(1, 2, 3)).noneMatch(resumed::isSettled);
            assertThat(resumed.settledCount()).isEqualTo(1);
        }
    }

    @Test
    void aNewFileReusingTheNameStartsAfresh() throws IOException {
        try (Journal journal = Journal.open(work, input)) {
            journal.record(applied(0));
        }
        Files.writeString(input, "{}\n{}\n{}\n{}\n{}\n");

        try (Journal journal = Journal.open(work, input)) {
            assertThat(journal.settledCount()).isZero();
            assertThat(indexes(journal)).isEmpty();
        }
    }

    private Journal openAppendable() throws IOException {
        try (OpenedFile opened = OpenedFile.open(input)) {
            return Journal.open(work, opened, true);
        }
    }

    @Test
    void linesAppendedToTheFileKeepWhatAKilledRunSettled() throws IOException {
        try (Journal journal = openAppendable()) {
            journal.record(applied(0));
            journal.record(applied(1));
        }
        Files.writeString(input, "{}\n{}\n", StandardOpenOption.APPEND);

        try (Journal journal = openAppendable()) {
            assertThat(indexes(journal)).containsExactly(0, 1);
        }
    }

    @Test
    void aFileRewrittenOrReplacedStartsAfreshEvenWhenItOnlyGrew() throws IOException {
        try (Journal journal = openAppendable()) {
            journal.record(applied(0));
        }
        Files.writeString(input, "[]\n{}\n{}\n{}\n{}\n");
        try (Journal journal = openAppendable()) {
            assertThat(journal.settledCount()).as("rewritten in place").isZero();
            journal.record(applied(0));
        }
        Path replacement = Files.writeString(root.resolve("new.tmp"), "[]\n{}\n{}\n{}\n{}\n{}\n");
        Files.move(replacement, input, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (Journal journal = openAppendable()) {
            assertThat(journal.settledCount()).as("a new file renamed over the name").isZero();
        }
    }

    @Test
    void aFreshJournalIgnoresWhatAnEarlierOneLeftAndIsOwnerOnly() throws IOException {
        try (Journal journal = Journal.fresh(work, ".desired-state")) {
            journal.record(applied(5));
        }
        try (Journal journal = Journal.fresh(work, ".desired-state")) {
            assertThat(journal.isSettled(5)).isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve(".desired-state.journal"))))
                    .isEqualTo("rw-------");
            journal.delete();
        }
        assertThat(work.resolve(".desired-state.journal")).doesNotExist();
    }

    @Test
    void journalsOfFilesNoLongerInTheInboxAreRemovedAtStartUp() throws IOException {
        Journal.open(work, input).close();
        Path other = Files.writeString(root.resolve("archived.json"), "{}");
        Journal.open(work, other).close();
        Files.delete(other);

        JournalFolder.removeOrphans(work, root);

        assertThat(work.resolve("changes.ndjson.journal")).exists();
        assertThat(work.resolve("archived.json.journal")).doesNotExist();
    }
}
