package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.testkit.SandboxExtension.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer's queued changes written together (sync.coalesce.max-changes), over real HTTP against the sandbox:
 * one GET and one PUT for the group, each change with its own result line, conflicts re-merging the whole group,
 * a rejected group falling back to one write per change, and a dry run predicting the same grouping.
 */
@ExtendWith(SyncServiceExtension.class)
class CoalescingTest {
    private static final Map<String, String> COALESCING = Map.of("sync.coalesce.max-changes", "8");

    SyncHarness harness;
    @Customer
    String customer;
    @Customer
    String other;

    private String line(String id, String who, String changes) {
        return "{\"customerId\":\"" + who + "\",\"changeId\":\"" + id + "\",\"changes\":" + changes + "}\n";
    }

    /** c0 companyName, c1 email, other customer, c2 companyName again, c3 the same email again. */
    private String fourChangesOfOneCustomer() {
        return line("c0", customer, "{\"companyName\":\"First Name Ltd\"}")
                + line("c1", customer, "{\"email\":\"merged@contoso.com\"}")
                + line("o0", other, "{\"email\":\"other@contoso.com\"}")
                + line("c2", customer, "{\"companyName\":\"Final Name Ltd\"}")
                + line("c3", customer, "{\"email\":\"merged@contoso.com\"}");
    }

    private List<RecordedRequest> requestsFor(String who) {
        return harness.sandbox.requests().stream().filter(r -> r.path().contains(who)).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aCustomersChangesGoOutInOneWriteAndEachKeepsItsOwnRecord() throws Exception {
        harness.drop("group.ndjson", fourChangesOfOneCustomer());

        RunSummary summary = harness.runOnce(COALESCING);

        assertThat(summary.exitCode()).isZero();
        assertThat(requestsFor(customer)).extracting(RecordedRequest::method).containsExactly("GET", "PUT");
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Final Name Ltd");
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("merged@contoso.com");
        JsonNode changes = SyncHarness.readJson(harness.done.resolve("group.ndjson.result.json")).path("changes");
        JsonNode c0 = changes.get(0), c1 = changes.get(1), o0 = changes.get(2), c2 = changes.get(3), c3 = changes.get(4);
        String put = requestsFor(customer).get(1).header("MS-RequestId");
        String etagAfter = harness.sandbox.profile(customer).path("attributes").path("etag").asText();
        for (JsonNode c : List.of(c0, c1, c2, c3)) {
            assertThat(texts(c.path("writtenWith"))).as(c.toString()).containsExactly("0", "1", "3", "4");
            assertThat(c.path("requestId").asText()).as("the write it went out in").isEqualTo(put);
            assertThat(c.path("etagBefore").asText()).isEqualTo(c0.path("etagBefore").asText()).isNotEmpty();
        }
        assertThat(c0.path("outcome").asText()).isEqualTo("applied");
        assertThat(texts(c0.path("changedFields"))).containsExactly("companyName");
        assertThat(c0.path("message").asText()).startsWith("overwritten in the same write by change #3");
        assertThat(c0.path("etagAfter").asText()).isEqualTo(etagAfter);
        assertThat(c1.path("outcome").asText()).isEqualTo("applied");
        assertThat(texts(c1.path("changedFields"))).containsExactly("email");
        assertThat(c1.has("message")).isFalse();
        assertThat(c2.path("outcome").asText()).isEqualTo("applied");
        assertThat(texts(c2.path("changedFields"))).containsExactly("companyName");
        assertThat(c2.path("etagAfter").asText()).isEqualTo(etagAfter);
        assertThat(c3.path("outcome").asText()).as("given c1 before it, c3 changes nothing").isEqualTo("unchanged");
        assertThat(c3.path("changedFields")).isEmpty();
        assertThat(o0.path("outcome").asText()).isEqualTo("applied");
        assertThat(o0.has("writtenWith")).as("a change alone in its write").isFalse();
        assertThat(summary.render()).contains("; 4 requests, 0.80 per change");
    }

    @Test
    void aConflictReReadsAndReMergesTheWholeGroup() throws Exception {
        harness.sandbox.faults().concurrentModifications(1);
        harness.drop("conflict.ndjson", line("c0", customer, "{\"email\":\"one@contoso.com\"}")
                + line("c1", customer, "{\"firstName\":\"Ada\"}")
                + line("c2", customer, "{\"email\":\"two@contoso.com\"}"));

        RunSummary summary = harness.runOnce(COALESCING);

        assertThat(summary.exitCode()).isZero();
        assertThat(requestsFor(customer)).extracting(RecordedRequest::method).containsExactly("GET", "PUT", "GET", "PUT");
        JsonNode changes = SyncHarness.readJson(harness.done.resolve("conflict.ndjson.result.json")).path("changes");
        changes.forEach(c -> {
            assertThat(c.path("outcome").asText()).isEqualTo("applied");
            assertThat(c.path("attempts").asInt()).isEqualTo(2);
            assertThat(texts(c.path("writtenWith"))).containsExactly("0", "1", "2");
        });
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("two@contoso.com");
        assertThat(harness.sandbox.profile(customer).path("firstName").asText()).isEqualTo("Ada");
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).as("the other writer's change is kept")
                .endsWith("(changed elsewhere)");
    }

    @Test
    void aThrottledWriteWaitsAndGoesOutWholeAgain() throws Exception {
        harness.sandbox.faults().throttleRequest(2, 1); // the group's PUT
        harness.drop("throttled.ndjson", line("c0", customer, "{\"email\":\"wait@contoso.com\"}")
                + line("c1", customer, "{\"companyName\":\"Waited Ltd\"}"));

        RunSummary summary = harness.runOnce(COALESCING);

        assertThat(summary.exitCode()).isZero();
        assertThat(harness.sandbox.counts().answered(429)).isEqualTo(1);
        assertThat(requestsFor(customer)).extracting(RecordedRequest::method).containsExactly("GET", "PUT", "GET", "PUT");
        JsonNode changes = SyncHarness.readJson(harness.done.resolve("throttled.ndjson.result.json")).path("changes");
        changes.forEach(c -> {
            assertThat(c.path("outcome").asText()).isEqualTo("applied");
            assertThat(texts(c.path("writtenWith"))).containsExactly("0", "1");
        });
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Waited Ltd");
    }

    @Test
    void aRejectedGroupFallsBackToOneWritePerChangeSoOnlyTheRejectedChangeIsDeadLettered() throws Exception {
        harness.drop("rejected.ndjson", line("c0", customer, "{\"email\":\"kept@contoso.com\"}")
                + line("c1", customer, "{\"defaultAddress\":{\"region\":\"Pacific Northwest\"}}")
                + line("c2", customer, "{\"companyName\":\"Kept Ltd\"}"));

        RunSummary summary = harness.runOnce(COALESCING);

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(requestsFor(customer)).extracting(RecordedRequest::method)
                .containsExactly("GET", "PUT", "GET", "PUT", "GET", "PUT", "GET", "PUT");
        JsonNode changes = SyncHarness.readJson(harness.done.resolve("rejected.ndjson.result.json")).path("changes");
        assertThat(changes.get(0).path("outcome").asText()).isEqualTo("applied");
        assertThat(changes.get(1).path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(changes.get(1).path("category").asText()).isEqualTo("rejected");
        assertThat(changes.get(2).path("outcome").asText()).isEqualTo("applied");
        changes.forEach(c -> assertThat(c.has("writtenWith")).as("written on its own").isFalse());
        assertThat(ChangeScript.list(harness.deadLetter)).anyMatch(n -> n.contains("rejected") && !n.endsWith(".error.json"));
        assertThat(ChangeScript.list(harness.deadLetter)).hasSize(2);
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("kept@contoso.com");
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Kept Ltd");
    }

    @Test
    void aChangeWrittenOnItsOwnAfterARejectionIsStillRetriedUnderTheFailureRules() throws Exception {
        // the PUT of c0 written on its own: the 5th request, after the write's GET, the US address rules c1 needs
        // read before the PUT (docs/FAILURE-RULES.md#addresses), the write's PUT and c0's own GET
        harness.sandbox.faults().throttleRequest(5, 1);
        harness.drop("rejected-throttled.ndjson", line("c0", customer, "{\"email\":\"kept@contoso.com\"}")
                + line("c1", customer, "{\"defaultAddress\":{\"region\":\"Pacific Northwest\"}}"));

        RunSummary summary = harness.runOnce(COALESCING);

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(harness.sandbox.counts().answered(429)).isEqualTo(1);
        assertThat(requestsFor(customer)).extracting(RecordedRequest::method)
                .containsExactly("GET", "PUT", "GET", "PUT", "GET", "PUT", "GET", "PUT");
        JsonNode changes = SyncHarness.readJson(harness.done.resolve("rejected-throttled.ndjson.result.json")).path("changes");
        assertThat(changes.get(0).path("outcome").asText()).isEqualTo("applied");
        assertThat(changes.get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(changes.get(1).path("category").asText()).isEqualTo("rejected");
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("kept@contoso.com");
        assertThat(summary.render()).contains("; 9 requests, 4.50 per change");
    }

    @Test
    void aDryRunPredictsTheSameGroupingAsTheRealRun() throws Exception {
        harness.drop("plan.ndjson", fourChangesOfOneCustomer());
        Map<String, String> dry = new java.util.HashMap<>(COALESCING);
        dry.put("sync.dry-run", "true");

        harness.runOnce(dry);
        JsonNode predicted = SyncHarness.readJson(harness.done.resolve("plan.ndjson.dry-run.result.json")).path("changes");
        harness.runOnce(COALESCING);
        JsonNode real = SyncHarness.readJson(harness.done.resolve("plan.ndjson.result.json")).path("changes");

        assertThat(predicted).hasSameSizeAs(real);
        for (int i = 0; i < real.size(); i++) {
            assertThat(predicted.get(i).path("writtenWith")).as("change %d", i).isEqualTo(real.get(i).path("writtenWith"));
            assertThat(predicted.get(i).path("changedFields")).isEqualTo(real.get(i).path("changedFields"));
            assertThat(predicted.get(i).path("message")).isEqualTo(real.get(i).path("message"));
            String outcome = real.get(i).path("outcome").asText();
            assertThat(predicted.get(i).path("outcome").asText()).isEqualTo(outcome.equals("applied") ? "would-apply" : outcome);
        }
        assertThat(predicted.get(0).path("writtenWith")).isNotEmpty();
    }
}
