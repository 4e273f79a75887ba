package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.history.ChangeHistory;
import io.billingsync.history.ReplayPreparation;
import io.billingsync.records.DeadLetterFolder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * A change is a {@code duplicate} only when its {@code changeId} comes again with the same content (customer, changes,
 * {@code changedAt}); the same id with other content is dead-lettered {@code reused-id}, naming where the id was
 * settled first and the fix, and nothing of it is sent. Real service, real files, sandbox over HTTP.
 */
class ReusedChangeIdTest extends OneCustomerSyncTest {
    private static final Map<String, String> COALESCING = Map.of("sync.coalesce.max-changes", "8");

    private String change(String customerId, String changeId, String changes) {
        return "{\"customerId\":\"" + customerId + "\",\"changeId\":\"" + changeId + "\",\"changes\":" + changes + "}\n";
    }

    private String change(String changeId, String changes) {
        return change(customer, changeId, changes);
    }

    private RunSummary run(String name, String content) throws Exception {
        harness.drop(name, content);
        return harness.runOnce(Map.of());
    }

    private JsonNode changes(String record) {
        return SyncHarness.readJson(harness.done.resolve(record + ".result.json")).path("changes");
    }

    private String email() {
        return harness.sandbox.profile(customer).path("email").asText();
    }

    @Test
    void anIdSettledBeforeComingWithOtherContentIsDeadLetteredNamingWhereItWasSettledFirst() throws Exception {
        assertThat(run("erp-a.ndjson", change("ERP-1", "{\"email\":\"first@contoso.com\"}")).exitCode()).isZero();
        int puts = harness.sandbox.putCount(customer);

        // the ERP's counter restarted: ERP-1 again, for another change
        harness.drop("erp-b.ndjson", change("ERP-1", "{\"email\":\"second@contoso.com\"}"));
        RunSummary predicted = harness.runOnce(Map.of("sync.dry-run", "true"));
        RunSummary reused = harness.runOnce(Map.of());

        assertThat(reused.exitCode()).isEqualTo(1);
        assertThat(harness.sandbox.putCount(customer)).as("nothing sent").isEqualTo(puts);
        assertThat(email()).isEqualTo("first@contoso.com");
        JsonNode outcome = changes("erp-b.ndjson").get(0);
        assertThat(outcome.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(outcome.path("category").asText()).isEqualTo("reused-id");
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("erp-b.0.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("reused-id");
        assertThat(error.path("message").asText()).startsWith("erp-b.ndjson, line 1: changeId \"ERP-1\" was settled")
                .contains("erp-a.ndjson #0", "with other content", "a new changeId", "replay --force");
        assertThat(error.path("sequence").asLong()).as("replayable in its place").isPositive();
        assertThat(reused.render()).contains("1 dead-lettered (1 reused-id)");
        assertThat(predicted.render()).contains("1 dead-lettered (1 reused-id)");
        assertThat(changes("erp-b.ndjson.dry-run").get(0).path("message").asText()).as("the dry run says the same")
                .isEqualTo(outcome.path("message").asText());
        assertThat(SyncHarness.readJson(harness.done.resolve("erp-b.ndjson.result.json")).path("summary")
                .path("byCategory").path("reused-id").asInt()).isEqualTo(1);

        // replayed as it is, it is the same content again; with --force it is applied as given
        ReplayPreparation.prepare(harness.deadLetter.resolve("erp-b.0.json"), false);
        new DeadLetterFolder(harness.deadLetter).replay(harness.inbox, List.of("erp-b.0.json"));
        assertThat(harness.runOnce(Map.of()).exitCode()).isEqualTo(1);
        JsonNode replayed = changes("erp-b.0.json").get(0);
        assertThat(replayed.path("category").asText()).isEqualTo("reused-id");
        String again = replayed.path("deadLetterFile").asText();
        ReplayPreparation.prepare(harness.deadLetter.resolve(again), true); // as `replay --force` does
        new DeadLetterFolder(harness.deadLetter).replay(harness.inbox, List.of(again));
        assertThat(harness.runOnce(Map.of()).exitCode()).isZero();
        assertThat(email()).isEqualTo("second@contoso.com");
    }

    @Test
    void theSameIdWithTheSameContentIsADuplicateWhateverTheKeyOrderSpacingAndCustomerIdCase() throws Exception {
        assertThat(run("erp-a.ndjson", "{\"customerId\":\"" + customer + "\",\"changeId\":\"ERP-2\",\"changedAt\":"
                + "\"2026-11-24T10:00:00+01:00\",\"changes\":{\"email\":\"same@contoso.com\",\"companyName\":\"Same Ltd\"}}\n")
                .exitCode()).isZero();

        RunSummary again = run("erp-a-again.ndjson", "{ \"changes\": { \"CompanyName\": \"Same Ltd\", \"email\": "
                + "\"same@contoso.com\" }, \"changedAt\": \"2026-11-24T09:00:00Z\", \"changeId\": \"ERP-2\", "
                + "\"customerId\": \"" + customer.toUpperCase(Locale.ROOT) + "\" }\n");

        assertThat(again.exitCode()).isZero();
        assertThat(changes("erp-a-again.ndjson").get(0).path("outcome").asText()).isEqualTo("duplicate");
    }

    @Test
    void theCustomerIdInAnotherLetterCaseWithOtherContentIsAReusedId() throws Exception {
        assertThat(run("erp-a.ndjson", change("ERP-3", "{\"email\":\"lower@contoso.com\"}")).exitCode()).isZero();

        RunSummary upper = run("erp-b.ndjson", change(customer.toUpperCase(Locale.ROOT), "ERP-3",
                "{\"email\":\"upper@contoso.com\"}"));

        assertThat(upper.exitCode()).isEqualTo(1);
        assertThat(changes("erp-b.ndjson").get(0).path("category").asText()).isEqualTo("reused-id");
        assertThat(email()).isEqualTo("lower@contoso.com");
    }

    @Test
    void theSameIdTwiceInOneFileWithOtherContentIsDeadLetteredInFileOrderByTheDryRunAndTheRealRunAlike() throws Exception {
        String other = harness.sandbox.addCustomers(1).get(0);
        String file = change("DOC-7", "{\"email\":\"doc7@contoso.com\"}")
                + change(other, "DOC-7", "{\"email\":\"other-doc7@contoso.com\"}")
                + change("DOC-7", "{\"companyName\":\"Doc 7 Ltd\"}");
        harness.drop("two-systems.ndjson", file);

        RunSummary dry = harness.runOnce(Map.of("sync.dry-run", "true", "sync.concurrency", "4"));
        JsonNode predicted = changes("two-systems.ndjson.dry-run");
        RunSummary real = harness.runOnce(Map.of("sync.concurrency", "4"));
        JsonNode actual = changes("two-systems.ndjson");

        assertThat(real.exitCode()).isEqualTo(1);
        assertThat(actual).extracting(c -> c.path("outcome").asText())
                .containsExactly("applied", "dead-lettered", "dead-lettered");
        assertThat(predicted).extracting(c -> c.path("outcome").asText())
                .containsExactly("would-apply", "dead-lettered", "dead-lettered");
        for (int i = 1; i <= 2; i++) {
            assertThat(actual.get(i).path("category").asText()).isEqualTo("reused-id");
            assertThat(actual.get(i).path("message").asText()).contains("DOC-7", "two-systems.ndjson #0")
                    .isEqualTo(predicted.get(i).path("message").asText());
        }
        assertThat(dry.render()).contains("2 dead-lettered (2 reused-id)");
        assertThat(harness.sandbox.putCount(other)).isZero();
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isNotEqualTo("Doc 7 Ltd");
    }

    @Test
    void withinOneWriteTheSameIdIsADuplicateWithTheSameContentAndAReusedIdWithOther() throws Exception {
        harness.drop("write.ndjson", change("W1", "{\"email\":\"w1@contoso.com\"}")
                + change("W2", "{\"companyName\":\"W2 Ltd\"}")
                + change("W1", "{\"email\":\"w1@contoso.com\"}")
                + change("W2", "{\"firstName\":\"Other\"}"));

        RunSummary summary = harness.runOnce(COALESCING);

        assertThat(summary.exitCode()).isEqualTo(1);
        JsonNode changes = changes("write.ndjson");
        assertThat(changes).extracting(c -> c.path("outcome").asText())
                .containsExactly("applied", "applied", "duplicate", "dead-lettered");
        assertThat(changes.get(3).path("category").asText()).isEqualTo("reused-id");
        assertThat(harness.sandbox.putCount(customer)).as("one write").isEqualTo(1);
        assertThat(harness.sandbox.profile(customer).path("firstName").asText()).isNotEqualTo("Other");
    }

    @Test
    void theMetricsCountTheReusedIdsByCategory() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        harness.start(Map.of("camel.management.enabled", "true", "camel.management.port", String.valueOf(port),
                "camel.metrics.enabled", "true"));
        harness.drop("erp-a.ndjson", change("ERP-9", "{\"email\":\"first@contoso.com\"}"));
        harness.awaitResult("erp-a.ndjson", java.time.Duration.ofSeconds(15));
        harness.drop("erp-b.ndjson", change("ERP-9", "{\"email\":\"second@contoso.com\"}")
                + change("ERP-10", "{\"companyName\":\"Ten Ltd\"}") + change("ERP-10", "{\"companyName\":\"Eleven Ltd\"}"));
        harness.awaitResult("erp-b.ndjson", java.time.Duration.ofSeconds(15));

        java.net.http.HttpResponse<String> scraped = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(scraped.body()).containsPattern(
                "billing_sync_changes_total\\{category=\"reused-id\",outcome=\"dead-lettered\"[^}]*} 2\\.0");
    }

    @Test
    void anIdRememberedWithoutADigestByAnEarlierVersionStaysADuplicate() throws Exception {
        assertThat(run("erp-a.ndjson", change("OLD-1", "{\"email\":\"old-store@contoso.com\"}")).exitCode()).isZero();
        // as an earlier version wrote it: when, the sequence and the source, no digest of the content
        try (MVStore store = new MVStore.Builder().fileName(harness.work.resolve(ChangeHistory.FILE_NAME).toString()).open()) {
            store.<String, String>openMap("changeIds").put("OLD-1", System.currentTimeMillis() + " 1000000000 erp-a.ndjson #0");
            store.commit();
        }

        RunSummary again = run("erp-b.ndjson", change("OLD-1", "{\"email\":\"other@contoso.com\"}"));

        assertThat(again.exitCode()).isZero();
        assertThat(changes("erp-b.ndjson").get(0).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(email()).isEqualTo("old-store@contoso.com");
    }
}
