package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plausible mistakes in a change file that could drop data with exit 0, each with a clear outcome: a timestamp without
 * its offset, an empty object in {@code changes}, an empty {@code changeId}, and a desired-state file carrying
 * {@code changedAt} or {@code changeId}. Real service, real files, sandbox over HTTP.
 */
class ChangeFileMistakesTest extends OneCustomerSyncTest {

    private JsonNode changes(String record) {
        return SyncHarness.readJson(harness.done.resolve(record + ".result.json")).path("changes");
    }

    private JsonNode errorOf(String deadLetter) {
        return SyncHarness.readJson(harness.deadLetter.resolve(deadLetter + ".error.json"));
    }

    @Test
    void aTimestampWithoutItsOffsetIsInvalidSayingWhatIsMissing() throws Exception {
        harness.drop("local.ndjson", "{\"customerId\":\"" + customer + "\",\"changedAt\":\"2026-11-24T09:00:00\","
                + "\"changes\":{\"email\":\"local@contoso.com\"}}\n");

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(harness.sandbox.putCount(customer)).isZero();
        assertThat(errorOf("local.0.json").path("message").asText())
                .startsWith("local.ndjson, line 1: changedAt must be an RFC 3339 timestamp with its offset: "
                        + "\"2026-11-24T09:00:00\" has none")
                .contains("Z for UTC", "+01:00", "replay");
    }

    @Test
    void anEmptyObjectInChangesIsInvalidInsteadOfSettlingAsIfItHadBeenSent() throws Exception {
        harness.drop("empty.ndjson", "{\"customerId\":\"" + customer + "\",\"changeId\":\"E1\",\"changes\":"
                + "{\"defaultAddress\":{}}}\n");

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(changes("empty.ndjson").get(0).path("category").asText()).isEqualTo("invalid");
        assertThat(errorOf("empty.0.json").path("message").asText())
                .contains("changes.defaultAddress is empty", "name at least one of its fields", "null");
    }

    @Test
    void anEmptyChangeIdIsInvalidInsteadOfMakingEveryLaterChangeADuplicate() throws Exception {
        harness.drop("blank-ids.ndjson", "{\"customerId\":\"" + customer + "\",\"changeId\":\"\",\"changes\":"
                + "{\"email\":\"first@contoso.com\"}}\n{\"customerId\":\"" + customer + "\",\"changeId\":\" \",\"changes\":"
                + "{\"companyName\":\"Second Ltd\"}}\n");

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(changes("blank-ids.ndjson")).extracting(c -> c.path("category").asText())
                .containsExactly("invalid", "invalid");
        assertThat(errorOf("blank-ids.1.json").path("message").asText()).contains("changeId is empty", "leave it out");
        assertThat(harness.sandbox.putCount(customer)).isZero();
    }


    @Test
    void theDesiredStateWithAChangeIdIsReconciledAtEveryTickNotOnlyTheFirst() throws Exception {
        Path desired = Files.writeString(root.resolve("desired.json"), "[{\"customerId\":\"" + customer
                + "\",\"changeId\":\"DESIRED-1\",\"changes\":{\"companyName\":\"Desired Co\"}}]");
        // every tick reads the customer (no drift-check interval): each finds it as the last tick left it
        harness.start(Map.of("sync.desired-state.file", desired.toString(), "sync.desired-state.period", "400ms",
                "sync.desired-state.drift-check-interval", "0s"));
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.desiredStateRecords().size() >= 1);
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Desired Co");

        harness.sandbox.putCustomerField(customer, "companyName", "Drifted Co"); // changed in Partner Center meanwhile

        await().atMost(Duration.ofSeconds(20)).until(() ->
                harness.sandbox.profile(customer).path("companyName").asText().equals("Desired Co"));
        JsonNode tick = SyncHarness.readJson(harness.desiredStateRecords().get(harness.desiredStateRecords().size() - 1)).path("changes").get(0);
        assertThat(tick.path("changeId").asText()).as("echoed").isEqualTo("DESIRED-1");
    }

    @Test
    void theDesiredStateCarryingChangedAtIsInvalidAtEveryTickNamingThePositionAndTheFix() throws Exception {
        Path desired = Files.writeString(root.resolve("desired.json"), "[{\"customerId\":\"" + customer
                + "\",\"changedAt\":\"2026-11-24T09:00:00Z\",\"changes\":{\"companyName\":\"Desired Co\"}}]");
        harness.start(Map.of("sync.desired-state.file", desired.toString(), "sync.desired-state.period", "400ms"));

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.desiredStateRecords().size() >= 2);

        JsonNode tick = SyncHarness.readJson(harness.desiredStateRecords().get(1)).path("changes").get(0);
        assertThat(tick.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(tick.path("category").asText()).isEqualTo("invalid");
        assertThat(tick.path("message").asText()).startsWith("desired.json, element 0 (line 1, column 2): changedAt")
                .contains("desired-state file", "remove it");
        assertThat(harness.sandbox.putCount(customer)).isZero();
    }
}
