package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.history.ChangeHistory;
import io.billingsync.history.FieldWriter;
import io.billingsync.history.ReplayPreparation;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.sandbox.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The change history with coalescing on (sync.coalesce.max-changes 8): each change of a write is screened before
 * its own merge, in input order, against what earlier files set and what the write's earlier changes set; a
 * superseded or duplicate change gets its own outcome and sends nothing while the rest of the write goes out in one
 * PUT. Real service, real files, sandbox over HTTP.
 */
class CoalescedHistoryTest extends OneCustomerSyncTest {
    private static final Map<String, String> COALESCING = Map.of("sync.coalesce.max-changes", "8",
            "sync.history", "true");


    private String change(String changeId, String changedAt, String changes) {
        return "{\"customerId\":\"" + customer + "\",\"changeId\":\"" + changeId + "\""
                + (changedAt == null ? "" : ",\"changedAt\":\"" + changedAt + "\"") + ",\"changes\":" + changes + "}\n";
    }

    private RunSummary run(String name, String content) throws Exception {
        harness.drop(name, content);
        return harness.runOnce(COALESCING);
    }

    private List<String> methodsFor(String who) {
        return harness.sandbox.requests().stream().filter(r -> r.path().contains(who)).map(RecordedRequest::method).toList();
    }

    private JsonNode changes(String file) {
        return SyncHarness.readJson(harness.done.resolve(file + ".result.json")).path("changes");
    }

    private String field(String name) {
        return harness.sandbox.profile(customer).path(name).asText();
    }

    private static List<Integer> writtenWith(JsonNode change) {
        List<Integer> out = new ArrayList<>();
        change.path("writtenWith").forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Test
    void aWriteSendsInOnePutOnlyTheChangesNeitherSupersededNorDuplicate() throws Exception {
        assertThat(run("today.ndjson", change("T1", "2026-11-25T10:00:00Z", "{\"email\":\"new@contoso.com\"}")).exitCode())
                .isZero();
        harness.sandbox.clearRequests();

        RunSummary summary = run("late.ndjson",
                change("W0", "2026-11-25T11:00:00Z", "{\"companyName\":\"Written Ltd\"}")
                        // older than T1, which set the email: superseded by an earlier file
                        + change("W1", "2026-11-24T09:00:00Z", "{\"email\":\"old@contoso.com\"}")
                        // T1 again: a duplicate of an earlier file (its id with other content: ReusedChangeIdTest)
                        + change("T1", "2026-11-25T10:00:00Z", "{\"email\":\"new@contoso.com\"}")
                        + change("W3", "2026-11-25T11:00:00Z", "{\"firstName\":\"Ada\"}")
                        // older than W0 of this very write: superseded within the write
                        + change("W4", "2026-11-25T08:00:00Z", "{\"companyName\":\"Stale Ltd\"}")
                        // W3 again, within the write: a duplicate
                        + change("W3", "2026-11-25T11:00:00Z", "{\"firstName\":\"Ada\"}"));

        assertThat(summary.exitCode()).isZero();
        assertThat(methodsFor(customer)).as("one read, one write for the changes left").containsExactly("GET", "PUT");
        assertThat(field("email")).isEqualTo("new@contoso.com");
        assertThat(field("companyName")).isEqualTo("Written Ltd");
        assertThat(field("firstName")).isEqualTo("Ada");
        assertThat(field("lastName")).isNotEqualTo("Dup");
        JsonNode changes = changes("late.ndjson");
        assertThat(changes).hasSize(6);
        for (int sent : List.of(0, 3)) {
            assertThat(changes.get(sent).path("outcome").asText()).as(changes.get(sent).toString()).isEqualTo("applied");
            assertThat(writtenWith(changes.get(sent))).containsExactly(0, 3);
        }
        JsonNode w1 = changes.get(1);
        assertThat(w1.path("outcome").asText()).isEqualTo("superseded");
        assertThat(w1.has("writtenWith")).as("sent nothing").isFalse();
        assertThat(w1.path("attempts").asInt()).isZero();
        assertThat(w1.path("order").path("superseded").get(0).path("byChangeId").asText()).isEqualTo("T1");
        JsonNode t1 = changes.get(2);
        assertThat(t1.path("outcome").asText()).isEqualTo("duplicate");
        assertThat(t1.path("order").path("firstSettledIn").asText()).isEqualTo("today.ndjson #0");
        JsonNode w4 = changes.get(4);
        assertThat(w4.path("outcome").asText()).isEqualTo("superseded");
        assertThat(w4.path("order").path("superseded").get(0).path("bySource").asText()).isEqualTo("late.ndjson #0");
        JsonNode w3again = changes.get(5);
        assertThat(w3again.path("outcome").asText()).isEqualTo("duplicate");
        assertThat(w3again.path("order").path("firstSettledIn").asText()).isEqualTo("late.ndjson #3");
        for (JsonNode c : changes) {
            assertThat(c.path("order").path("sequence").asLong()).as("each change keeps its own place").isPositive();
        }
        assertThat(summary.render()).contains("2 superseded, 2 duplicate").contains("; 2 requests");
        // the history's view: the writers of the write's fields are its changes that were sent
        try (ChangeHistory history = ChangeHistory.open(harness.work, harness.done)) {
            Map<String, FieldWriter> fields = history.fieldsOf(customer);
            assertThat(fields.get("companyname").changeId()).isEqualTo("W0");
            assertThat(fields.get("firstname").changeId()).isEqualTo("W3");
            assertThat(fields.get("email").changeId()).isEqualTo("T1");
            assertThat(fields).doesNotContainKey("lastname");
        }
    }

    @Test
    void aWriteWhoseChangesAreAllScreenedOutSendsNoRequest() throws Exception {
        String first = change("A1", "2026-11-25T10:00:00Z", "{\"email\":\"new@contoso.com\"}")
                + change("A2", "2026-11-25T10:00:00Z", "{\"companyName\":\"New Ltd\"}");
        assertThat(run("first.ndjson", first).exitCode()).isZero();
        harness.sandbox.clearRequests();

        RunSummary resent = run("again.ndjson", first
                + change("A3", "2026-11-24T10:00:00Z", "{\"companyName\":\"Old Ltd\"}"));

        assertThat(resent.exitCode()).isZero();
        assertThat(methodsFor(customer)).as("nothing left to send").isEmpty();
        assertThat(changes("again.ndjson")).extracting(c -> c.path("outcome").asText())
                .containsExactly("duplicate", "duplicate", "superseded");
        assertThat(field("companyName")).isEqualTo("New Ltd");
    }

    @Test
    void aReplayedOldChangeAfterANewerOneKeepsItsPlaceWithCoalescingOn() throws Exception {
        // an old write of two changes: the customer is not found, both dead-lettered
        harness.sandbox.faults().answerNext(customer, 404, CUSTOMER_NOT_FOUND, 1);
        assertThat(run("z.ndjson", change("Z1", null, "{\"email\":\"old@contoso.com\",\"companyName\":\"Old Co\"}")
                + change("Z2", null, "{\"firstName\":\"Zed\"}")).exitCode()).isEqualTo(1);
        JsonNode deadLettered = changes("z.ndjson");
        long sequence = deadLettered.get(0).path("order").path("sequence").asLong();
        assertThat(deadLettered).extracting(c -> c.path("outcome").asText()).containsExactly("dead-lettered", "dead-lettered");
        // a newer change sets the email
        assertThat(run("a.ndjson", change("A1", null, "{\"email\":\"new@contoso.com\"}")).exitCode()).isZero();

        for (String deadLetter : List.of("z.0.json", "z.1.json")) {
            assertThat(SyncHarness.readJson(harness.deadLetter.resolve(deadLetter + ".error.json")).path("sequence").asLong())
                    .as(deadLetter).isPositive();
            ReplayPreparation.prepare(harness.deadLetter.resolve(deadLetter), false); // as `replay` does
        }
        new DeadLetterFolder(harness.deadLetter).replay(harness.inbox, List.of());
        RunSummary replay = harness.runOnce(COALESCING);

        assertThat(replay.exitCode()).isZero();
        assertThat(field("email")).as("the newer email is kept").isEqualTo("new@contoso.com");
        assertThat(field("companyName")).isEqualTo("Old Co");
        assertThat(field("firstName")).isEqualTo("Zed");
        JsonNode replayed = changes("z.0.json").get(0);
        assertThat(replayed.path("outcome").asText()).isEqualTo("applied");
        assertThat(replayed.path("order").path("sequence").asLong()).as("its place, not a new one").isEqualTo(sequence);
        assertThat(replayed.path("order").path("superseded").get(0).path("field").asText()).isEqualTo("email");
        assertThat(replayed.path("order").path("superseded").get(0).path("byChangeId").asText()).isEqualTo("A1");
    }

    @Test
    void aRejectedWriteIsSentAgainOneChangeAtATimeAsScreenedNothingTwice() throws Exception {
        assertThat(run("first.ndjson", change("T1", "2026-11-25T10:00:00Z", "{\"firstName\":\"New\"}")).exitCode()).isZero();
        harness.sandbox.clearRequests();

        RunSummary summary = run("mixed.ndjson",
                // its firstName is older than T1's: only the email is left to send
                change("M0", "2026-11-25T09:00:00Z", "{\"email\":\"kept@contoso.com\",\"firstName\":\"Old\"}")
                        // the sandbox refuses this region: the write is rejected
                        + change("M1", null, "{\"defaultAddress\":{\"region\":\"Pacific Northwest\"}}")
                        + change("T1", "2026-11-25T10:00:00Z", "{\"firstName\":\"New\"}")
                        + change("M3", null, "{\"companyName\":\"Kept Ltd\"}"));

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(methodsFor(customer)).as("the write of M0, M1, M3, then each of them alone; the duplicate never")
                .containsExactly("GET", "PUT", "GET", "PUT", "GET", "PUT", "GET", "PUT");
        JsonNode changes = changes("mixed.ndjson");
        assertThat(changes).extracting(c -> c.path("outcome").asText())
                .containsExactly("applied", "dead-lettered", "duplicate", "applied");
        JsonNode m0 = changes.get(0);
        assertThat(m0.path("order").path("superseded").get(0).path("field").asText()).as("as the screen left it")
                .isEqualTo("firstname");
        assertThat(m0.path("changedFields")).extracting(JsonNode::asText).containsExactly("email");
        assertThat(field("firstName")).isEqualTo("New");
        assertThat(field("email")).isEqualTo("kept@contoso.com");
        assertThat(field("companyName")).isEqualTo("Kept Ltd");
        assertThat(field("lastName")).isNotEqualTo("Dup");
        try (ChangeHistory history = ChangeHistory.open(harness.work, harness.done)) {
            Map<String, FieldWriter> fields = history.fieldsOf(customer);
            assertThat(fields.get("firstname").changeId()).isEqualTo("T1");
            assertThat(fields.get("email").changeId()).isEqualTo("M0");
            assertThat(fields.get("companyname").changeId()).isEqualTo("M3");
        }
    }
}
