package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.testkit.SandboxExtension.Customer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real routes against the sandbox over HTTP: files in, Partner Center updated, records out. */
@ExtendWith(SyncServiceExtension.class)
class EndToEndSyncTest {
    static final String GUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    SyncHarness harness;
    @Customer
    String first;
    @Customer
    String second;
    @Customer
    String third;

    @Test
    void appliesArrayNdjsonAndSingleObjectFilesAndRecordsEveryOutcome() throws Exception {
        String etagBefore = harness.sandbox.profile(first).path("attributes").path("etag").asText();
        harness.drop("a-erp.json", """
                [ {"customerId": "%s", "changeId": "ERP-1", "changes": {"Email": "billing@contoso.com",
                   "DefaultAddress": {"AddressLine1": "1 Main St", "AddressLine2": null}}},
                  {"customerId": "%s", "changeId": "ERP-2", "changes": {"companyName": "Fabrikam Ltd"}} ]
                """.formatted(first, second));
        harness.drop("b-erp.ndjson", """
                {"customerId": "%s", "changeId": "ERP-3", "changes": {"firstName": "Ana"}}

                {"customerId": "%s", "changeId": "ERP-4", "changes": {"lastName": "Silva"}}
                """.formatted(third, first));
        harness.drop("c-one.json", """
                {"customerId": "%s", "changeId": "ERP-5", "changes": {"culture": "de-DE", "language": "de"}}
                """.formatted(second));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        JsonNode firstProfile = harness.sandbox.profile(first);
        assertThat(firstProfile.path("email").asText()).isEqualTo("billing@contoso.com");
        assertThat(firstProfile.path("lastName").asText()).isEqualTo("Silva");
        assertThat(firstProfile.path("defaultAddress").path("addressLine1").asText()).isEqualTo("1 Main St");
        assertThat(firstProfile.path("defaultAddress").path("city").asText()).as("untouched field kept").isNotEmpty();
        assertThat(harness.sandbox.profile(second).path("companyName").asText()).isEqualTo("Fabrikam Ltd");
        assertThat(harness.sandbox.profile(second).path("culture").asText()).isEqualTo("de-DE");
        assertThat(harness.sandbox.profile(third).path("firstName").asText()).isEqualTo("Ana");

        JsonNode result = SyncHarness.readJson(harness.done.resolve("a-erp.json.result.json"));
        assertThat(Files.exists(harness.done.resolve("a-erp.json"))).isTrue();
        assertThat(Files.exists(harness.inbox.resolve("a-erp.json"))).isFalse();
        JsonNode change0 = result.path("changes").get(0);
        assertThat(change0.path("index").asInt()).isZero();
        assertThat(change0.path("changeId").asText()).isEqualTo("ERP-1");
        assertThat(change0.path("customerId").asText()).isEqualTo(first);
        assertThat(change0.path("outcome").asText()).isEqualTo("applied");
        assertThat(change0.path("attempts").asInt()).isEqualTo(1);
        assertThat(change0.path("etagBefore").asText()).isEqualTo(etagBefore);
        assertThat(change0.path("etagAfter").asText()).isNotEqualTo(etagBefore).isNotEmpty();
        assertThat(change0.path("changedFields").toString()).contains("email", "defaultAddress.addressLine1");
        assertThat(change0.path("correlationId").asText()).matches(GUID_PATTERN);
        assertThat(result.path("summary").path("applied").asInt()).isEqualTo(2);
        JsonNode ndjson = SyncHarness.readJson(harness.done.resolve("b-erp.ndjson.result.json"));
        assertThat(ndjson.path("changes").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(ndjson.path("summary").path("total").asInt()).isEqualTo(2);
    }

    @Test
    void sendsTheHeadersPartnerCenterWantsAndTheFullResourceBack() throws Exception {
        harness.sandbox.putCustomerField(first, "vatNumber", "unknown-to-us");
        String etag = harness.sandbox.profile(first).path("attributes").path("etag").asText();
        harness.drop("h.json", """
                {"customerId": "%s", "changeId": "H-1", "changes": {"email": "h@contoso.com"}}
                """.formatted(first));

        harness.runOnce(Map.of());

        List<RecordedRequest> requests = harness.sandbox.requests().stream()
                .filter(r -> r.path().contains(first)).toList();
        assertThat(requests).extracting(RecordedRequest::method).containsExactly("GET", "PUT");
        RecordedRequest get = requests.get(0);
        RecordedRequest put = requests.get(1);
        for (RecordedRequest r : requests) {
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + harness.sandbox.staticToken());
            assertThat(r.header("Accept")).isEqualTo("application/json");
            assertThat(r.header("MS-Contract-Version")).isEqualTo("v1");
            assertThat(r.header("MS-RequestId")).matches(GUID_PATTERN);
            assertThat(r.header("MS-CorrelationId")).matches(GUID_PATTERN);
            assertThat(r.headers().keySet()).as("Camel's own headers (the call's method and path) stay off the wire")
                    .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("camel"));
        }
        assertThat(get.header("MS-CorrelationId")).isEqualTo(put.header("MS-CorrelationId"));
        assertThat(get.header("MS-RequestId")).isNotEqualTo(put.header("MS-RequestId"));
        assertThat(put.header("If-Match")).isEqualTo("\"" + etag + "\"");
        assertThat(put.header("Content-Type")).startsWith("application/json");
        JsonNode body = SyncHarness.JSON.readTree(put.body());
        assertThat(body.path("email").asText()).isEqualTo("h@contoso.com");
        assertThat(body.path("vatNumber").asText()).as("unknown server field sent back").isEqualTo("unknown-to-us");
        assertThat(body.path("attributes").path("etag").asText()).isEqualTo(etag);
        assertThat(body.path("links").isObject()).isTrue();
        JsonNode record = SyncHarness.readJson(harness.done.resolve("h.json.result.json")).path("changes").get(0);
        assertThat(record.path("correlationId").asText()).isEqualTo(put.header("MS-CorrelationId"));
    }

    @Test
    void aChangeThatLeavesTheProfileAsItIsSendsNoPut() throws Exception {
        String email = harness.sandbox.profile(first).path("email").asText();
        harness.drop("same.json", """
                {"customerId": "%s", "changes": {"EMAIL": "%s"}}
                """.formatted(first, email));

        harness.runOnce(Map.of());

        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));
        JsonNode change = SyncHarness.readJson(harness.done.resolve("same.json.result.json")).path("changes").get(0);
        assertThat(change.path("outcome").asText()).isEqualTo("unchanged");
    }

    @Test
    void invalidChangesAreDeadLetteredWhileTheirNeighboursAreApplied() throws Exception {
        harness.drop("mixed.ndjson", """
                {"customerId": "%s", "changeId": "OK-1", "changes": {"email": "ok@contoso.com"}}
                {"customerId": "%s", "changeId": "TYPO", "changes": {"emial": "typo@contoso.com"}}
                {"customerId": "not-a-guid", "changeId": "BAD-ID", "changes": {"email": "x@contoso.com"}}
                {"customerId": "%s", "changeId": "RO", "changes": {"id": "other"}}
                {"customerId": "%s", "changeId": "BROKEN", "changes": {"email": }
                {"customerId": "%s", "changeId": "OK-2", "changes": {"lastName": "Okafor"}}
                """.formatted(first, second, second, third, third));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(harness.sandbox.profile(first).path("email").asText()).isEqualTo("ok@contoso.com");
        assertThat(harness.sandbox.profile(third).path("lastName").asText()).isEqualTo("Okafor");
        JsonNode result = SyncHarness.readJson(harness.done.resolve("mixed.ndjson.result.json"));
        assertThat(result.path("summary").path("applied").asInt()).isEqualTo(2);
        assertThat(result.path("summary").path("deadLettered").asInt()).isEqualTo(4);
        Path typo = harness.deadLetter.resolve("mixed.1.json");
        assertThat(Files.readString(typo)).isEqualTo(
                "{\"customerId\": \"" + second + "\", \"changeId\": \"TYPO\", \"changes\": {\"emial\": \"typo@contoso.com\"}}");
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("mixed.1.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("invalid");
        assertThat(error.path("message").asText()).contains("emial", "email");
        assertThat(SyncHarness.readJson(harness.deadLetter.resolve("mixed.4.json.error.json")).path("message").asText())
                .contains("line 5");
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.path().contains(second) && r.method().equals("PUT"));
    }

    @Test
    void aFileThatCannotBeReadGoesToTheDeadLetterFolderWhole() throws Exception {
        harness.drop("broken.json", "[ {\"customerId\": \"" + first + "\", \"changes\": {\"email\": \"a@b.c\"}} \n  {\"x\": 1} ]");

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(harness.deadLetter.resolve("broken.json")).exists();
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("broken.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("invalid");
        assertThat(error.path("message").asText()).contains("broken.json", "line 2");
        assertThat(harness.sandbox.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void differentCustomersRunInParallelUpToTheConcurrencySetting(int concurrency) throws Exception {
        List<String> customers = harness.sandbox.addCustomers(12);
        StringBuilder lines = new StringBuilder();
        for (int round = 0; round < 3; round++) {
            for (String customer : customers) {
                lines.append("{\"customerId\":\"%s\",\"changes\":{\"companyName\":\"P%d\"}}\n".formatted(customer, round));
            }
        }
        harness.drop("parallel.ndjson", lines.toString());
        harness.sandbox.setLatency(Duration.ofMillis(30));

        RunSummary summary = harness.runOnce(Map.of("sync.concurrency", String.valueOf(concurrency)));

        assertThat(summary.exitCode()).isZero();
        assertThat(harness.sandbox.peakRequestsInFlight()).isEqualTo(concurrency);
        assertThat(customers).allSatisfy(c -> assertThat(harness.sandbox.profile(c).path("companyName").asText()).isEqualTo("P2"));
    }

    @Test
    void changesForOneCustomerApplyInFileThenPositionOrder() throws Exception {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            a.append("{\"customerId\":\"%s\",\"changes\":{\"companyName\":\"A%02d\"}}\n".formatted(first, i));
            a.append("{\"customerId\":\"%s\",\"changes\":{\"companyName\":\"X%02d\"}}\n".formatted(second, i));
            b.append("{\"customerId\":\"%s\",\"changes\":{\"companyName\":\"B%02d\"}}\n".formatted(first, i));
        }
        harness.drop("order-1.ndjson", a.toString());
        harness.drop("order-2.ndjson", b.toString());
        harness.sandbox.setLatency(Duration.ofMillis(2));

        // the order is read off each change's own PUT: one write per change
        harness.runOnce(Map.of("sync.concurrency", "8", "sync.coalesce.max-changes", "1"));

        List<String> written = harness.sandbox.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().contains(first))
                .map(r -> SyncHarness.parse(r.body()).path("companyName").asText())
                .toList();
        assertThat(written).hasSize(40);
        for (int i = 0; i < 20; i++) {
            assertThat(written.get(i)).isEqualTo("A%02d".formatted(i));
            assertThat(written.get(20 + i)).isEqualTo("B%02d".formatted(i));
        }
        assertThat(harness.sandbox.profile(first).path("companyName").asText()).isEqualTo("B19");
    }
}
