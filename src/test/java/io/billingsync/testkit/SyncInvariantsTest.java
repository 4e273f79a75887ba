package io.billingsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.history.ChangeHistory;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.testkit.SandboxExtension.Customers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each invariant check on hand-made folders and requests: it passes on a settled state and fails on a broken one. */
@ExtendWith(SandboxExtension.class)
class SyncInvariantsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    SyncFolders folders;
    PartnerCenterSandbox sandbox;
    @Customers(2)
    List<String> customers;
    List<ExpectedChange> changes;

    @BeforeEach
    void writeChanges() throws IOException {
        changes = List.of(ExpectedChange.set(customers.get(0), "c0", "companyName", "A0"),
                ExpectedChange.failing("11111111-2222-3333-4444-555555555555", "c1", "companyName", "X"),
                ExpectedChange.set(customers.get(0), "c2", "companyName", "A2"),
                ExpectedChange.set(customers.get(1), "c3", "companyName", "B3"));
        Files.createDirectories(folders.inbox());
        Files.createDirectories(folders.done());
        Files.createDirectories(folders.deadLetter());
        Files.createDirectories(folders.work());
    }

    /** Archives {@code file} with these changes and writes its record, each change with the given outcome. */
    private void settle(String file, List<ExpectedChange> written, String... outcomes) throws IOException {
        Files.writeString(folders.done().resolve(file), written.stream().map(c -> c.json() + "\n").collect(Collectors.joining()));
        ObjectNode record = JSON.createObjectNode();
        ArrayNode described = record.putArray("changes");
        for (int i = 0; i < outcomes.length; i++) {
            ObjectNode change = described.addObject().put("index", i).put("changeId", written.get(i).changeId()).put("outcome", outcomes[i]);
            if (outcomes[i].equals("dead-lettered")) {
                String deadLetter = file.replace(".ndjson", "." + i + ".json");
                change.put("deadLetterFile", deadLetter);
                Files.writeString(folders.deadLetter().resolve(deadLetter), written.get(i).json());
                Files.writeString(folders.deadLetter().resolve(deadLetter + ".error.json"), "{}");
            }
        }
        record.putObject("summary").put("total", outcomes.length);
        Files.writeString(folders.done().resolve(file + ".result.json"), record.toString());
    }

    private void editRecord(String file, String text, String replacement) throws IOException {
        Path record = folders.done().resolve(file + ".result.json");
        Files.writeString(record, Files.readString(record).replace(text, replacement));
    }

    private void settleAll() throws IOException {
        settle("a.ndjson", changes, "applied", "dead-lettered", "unchanged", "applied");
    }

    private static void fails(ThrowingCallable check, String saying) {
        assertThatThrownBy(check).isInstanceOf(AssertionError.class).hasMessageContaining(saying);
    }

    @Test
    void aFileSettledOnceWithItsDeadLetterPasses() throws IOException {
        settleAll();

        assertThatCode(() -> SyncInvariants.assertSettledOnce(folders, "a.ndjson", changes)).doesNotThrowAnyException();
        assertThatCode(() -> SyncInvariants.assertDeadLettersAreThoseRecorded(folders, "a.ndjson")).doesNotThrowAnyException();
        assertThatCode(() -> SyncInvariants.assertEachSettledOnceAcrossRecords(folders, changes)).doesNotThrowAnyException();
    }

    @Test
    void aChangeMissingFromTheRecordFails() throws IOException {
        settle("a.ndjson", changes, "applied", "dead-lettered", "unchanged");

        fails(() -> SyncInvariants.assertRecord(folders, "a.ndjson", changes), "every change of a.ndjson exactly once");
        fails(() -> SyncInvariants.assertEachSettledOnceAcrossRecords(folders, changes), "describes the archived file");
    }

    @Test
    void aChangeSettledTwiceFails() throws IOException {
        settleAll();
        editRecord("a.ndjson", "\"index\":3,\"changeId\":\"c3\"", "\"index\":2,\"changeId\":\"c2\"");

        fails(() -> SyncInvariants.assertRecord(folders, "a.ndjson", changes), "every change of a.ndjson exactly once");
    }

    @Test
    void aChangeSettledInTwoFilesFails() throws IOException {
        settleAll();
        settle("b.ndjson", changes.subList(3, 4), "applied");

        fails(() -> SyncInvariants.assertEachSettledOnceAcrossRecords(folders, changes), "every change settled exactly once");
    }

    @Test
    void aSecondRecordForTheSameFileOrTheFileLeftInTheInboxFails() throws IOException {
        settleAll();
        Files.copy(folders.done().resolve("a.ndjson.result.json"), folders.done().resolve("a-2.ndjson.result.json"));

        fails(() -> SyncInvariants.assertSettledOnce(folders, "a.ndjson", changes), "result records of a.ndjson");

        Files.delete(folders.done().resolve("a-2.ndjson.result.json"));
        Files.writeString(folders.inbox().resolve("a.ndjson"), "");
        fails(() -> SyncInvariants.assertSettledOnce(folders, "a.ndjson", changes), "a.ndjson has left the inbox");
    }

    @Test
    void anOutcomeThatDoesNotFitTheChangeFails() throws IOException {
        settle("a.ndjson", changes, "applied", "applied", "unchanged", "applied");
        fails(() -> SyncInvariants.assertRecord(folders, "a.ndjson", changes), "a.ndjson #1");

        settle("a.ndjson", changes, "dead-lettered", "dead-lettered", "unchanged", "applied");
        fails(() -> SyncInvariants.assertRecord(folders, "a.ndjson", changes), "a.ndjson #0");
    }

    @Test
    void aDeadLetterMissingOrNamedTwiceFails() throws IOException {
        settleAll();
        Files.delete(folders.deadLetter().resolve("a.1.json.error.json"));
        fails(() -> SyncInvariants.assertRecord(folders, "a.ndjson", changes), "a.1.json.error.json");

        List<ExpectedChange> twoFailing = List.of(changes.get(1), ExpectedChange.failing(customers.get(0), "c9", "companyNmae", "Y"));
        settle("b.ndjson", twoFailing, "dead-lettered", "dead-lettered");
        editRecord("b.ndjson", "b.1.json", "b.0.json");
        fails(() -> SyncInvariants.assertRecord(folders, "b.ndjson", twoFailing), "dead letter b.0.json named once");
    }

    @Test
    void aRecordOrArchiveThatIsNotWhatWasWrittenFails() throws IOException {
        settleAll();
        List<ExpectedChange> other = List.of(changes.get(0), changes.get(1), changes.get(3), changes.get(2));
        fails(() -> SyncInvariants.assertRecord(folders, "a.ndjson", other), "a.ndjson archived as written");

        Files.writeString(folders.done().resolve("a.ndjson"), changes.get(0).json() + "\n");
        fails(() -> SyncInvariants.assertEachSettledOnceAcrossRecords(folders, changes), "describes the archived file");
    }

    @Test
    void anythingElseInTheDeadLetterFolderFails() throws IOException {
        settleAll();
        Files.writeString(folders.deadLetter().resolve(".a.1.json.tmp"), "being written");
        assertThatCode(() -> SyncInvariants.assertDeadLettersAreThoseRecorded(folders, "a.ndjson")).doesNotThrowAnyException();

        Files.writeString(folders.deadLetter().resolve("stray.json"), "{}");
        fails(() -> SyncInvariants.assertDeadLettersAreThoseRecorded(folders, "a.ndjson"), "stray.json");
        fails(() -> SyncInvariants.assertNoDeadLetters(folders), "dead-letter folder");
    }

    @Test
    void aJournalLeftInTheWorkFolderFails() throws IOException {
        for (String name : List.of(".leader", ChangeHistory.FILE_NAME, ChangeHistory.WITNESS_NAME)) {
            Files.writeString(folders.work().resolve(name), "");
        }
        assertThatCode(() -> SyncInvariants.assertNoJournalLeft(folders)).doesNotThrowAnyException();

        Files.writeString(folders.work().resolve("a.ndjson.journal"), "");
        fails(() -> SyncInvariants.assertNoJournalLeft(folders), "a.ndjson.journal");
    }

    @Test
    void theSandboxMustHoldTheLastValueOfEachCustomer() {
        sandbox.putCustomerField(customers.get(0), "companyName", "A2");
        sandbox.putCustomerField(customers.get(1), "companyName", "B3");
        assertThatCode(() -> SyncInvariants.assertSandboxHolds(sandbox, changes)).doesNotThrowAnyException();

        sandbox.putCustomerField(customers.get(0), "companyName", "A0");
        fails(() -> SyncInvariants.assertSandboxHolds(sandbox, changes), "companyName of " + customers.get(0));
    }

    private List<RecordedRequest> puts(String... customerAndValue) {
        return Arrays.stream(customerAndValue).map(pair -> pair.split("=")).map(pair -> new RecordedRequest("PUT",
                "/v1/customers/" + customers.get(Integer.parseInt(pair[0])) + "/profiles/billing", Map.of(),
                "{\"companyName\":\"" + pair[1] + "\"}", Instant.now())).toList();
    }

    @Test
    void valuesPutMustMoveForwardAndOnceMeansNoRepeat() {
        List<RecordedRequest> forward = puts("0=A0", "1=B3", "0=A2");
        assertThatCode(() -> SyncInvariants.assertEachValuePutOnce(forward, "companyName", changes)).doesNotThrowAnyException();
        assertThat(SyncInvariants.putValues(forward, customers.get(0), "companyName")).containsExactly("A0", "A2");
        assertThat(SyncInvariants.putValues(forward, "companyName")).containsExactly("A0", "B3", "A2");

        List<RecordedRequest> repeated = puts("0=A0", "0=A2", "0=A2");
        assertThatCode(() -> SyncInvariants.assertPutsMoveForward(repeated, "companyName", changes)).doesNotThrowAnyException();
        fails(() -> SyncInvariants.assertEachValuePutOnce(repeated, "companyName", changes), "Found duplicate(s)");

        List<RecordedRequest> backwards = puts("0=A2", "0=A0");
        fails(() -> SyncInvariants.assertPutsMoveForward(backwards, "companyName", changes), "companyName PUT for " + customers.get(0));
        fails(() -> SyncInvariants.assertEachValuePutOnce(backwards, "companyName", changes), "companyName PUT for " + customers.get(0));
    }

    @Test
    void aValuePutThatNoChangeSetFails() {
        fails(() -> SyncInvariants.assertPutsMoveForward(puts("0=A0", "1=A2"), "companyName", changes), "PUT for " + customers.get(1));
        List<ExpectedChange> sameValueTwice = List.of(changes.get(0), ExpectedChange.set(customers.get(0), "c5", "companyName", "A0"));
        fails(() -> SyncInvariants.assertPutsMoveForward(puts("0=A0"), "companyName", sameValueTwice), "set to A0 by a second change");
    }
}
