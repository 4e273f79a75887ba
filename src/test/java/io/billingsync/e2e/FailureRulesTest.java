package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.testkit.SandboxExtension.Customer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The failure rules (docs/FAILURE-RULES.md), driven through the sandbox's fault injection over real HTTP. */
@ExtendWith(SyncServiceExtension.class)
class FailureRulesTest {
    SyncHarness harness;
    @Customer
    String customer;
    @Customer
    String other;

    private String emailChange(String id, String email) {
        return "{\"customerId\": \"" + id + "\", \"changeId\": \"C-" + email.hashCode() + "\", \"changes\": {\"email\": \"" + email + "\"}}";
    }

    private JsonNode onlyChange(String file) {
        return SyncHarness.readJson(harness.done.resolve(file + ".result.json")).path("changes").get(0);
    }

    private List<RecordedRequest> requestsFor(String id) {
        return harness.sandbox.requests().stream().filter(r -> r.path().contains(id)).toList();
    }

    @Test
    void aConflictReReadsReMergesAndKeepsTheOtherWritersChange() throws Exception {
        harness.sandbox.faults().concurrentModifications(2);
        harness.drop("c.json", emailChange(customer, "new@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        JsonNode change = onlyChange("c.json");
        assertThat(change.path("outcome").asText()).isEqualTo("applied");
        assertThat(change.path("attempts").asInt()).isEqualTo(3);
        JsonNode profile = harness.sandbox.profile(customer);
        assertThat(profile.path("email").asText()).isEqualTo("new@contoso.com");
        assertThat(profile.path("companyName").asText()).endsWith("(changed elsewhere) (changed elsewhere)");
        assertThat(requestsFor(customer)).extracting(RecordedRequest::method)
                .containsExactly("GET", "PUT", "GET", "PUT", "GET", "PUT");
        List<RecordedRequest> puts = requestsFor(customer).stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts.get(0).header("If-Match")).isNotEqualTo(puts.get(2).header("If-Match"));
        assertThat(puts).extracting(r -> r.header("MS-RequestId")).doesNotHaveDuplicates();
    }

    @Test
    void aConflictThatNeverResolvesIsDeadLetteredAsConflictAfterMaxAttempts() throws Exception {
        harness.sandbox.faults().concurrentModifications(100);
        harness.drop("x.json", emailChange(customer, "never@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of("sync.conflict.max-attempts", "3"));

        assertThat(summary.exitCode()).isEqualTo(1);
        JsonNode change = onlyChange("x.json");
        assertThat(change.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(change.path("category").asText()).isEqualTo("conflict");
        assertThat(change.path("attempts").asInt()).isEqualTo(3);
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("x.0.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("conflict");
        assertThat(error.path("httpStatus").asInt()).isEqualTo(412);
        assertThat(error.path("attempts").asInt()).isEqualTo(3);
        assertThat(error.path("message").asText()).contains("3 attempts");
        assertThat(error.path("correlationId").asText()).isNotEmpty();
        assertThat(error.path("requestId").asText()).isNotEmpty();
        assertThat(Files.readString(harness.deadLetter.resolve("x.0.json"))).isEqualTo(emailChange(customer, "never@contoso.com"));
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isNotEqualTo("never@contoso.com");
    }

    @Test
    void code2055IsAConflictToo() throws Exception {
        harness.sandbox.faults().staleAs2055(true);
        harness.sandbox.faults().concurrentModifications(1);
        harness.drop("s.json", emailChange(customer, "stale@contoso.com"));

        harness.runOnce(Map.of());

        JsonNode change = onlyChange("s.json");
        assertThat(change.path("outcome").asText()).isEqualTo("applied");
        assertThat(change.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void throttlingWaitsForRetryAfter() throws Exception {
        harness.sandbox.faults().throttle(1, 1);
        harness.drop("t.json", emailChange(customer, "throttled@contoso.com"));

        harness.runOnce(Map.of());

        assertThat(onlyChange("t.json").path("outcome").asText()).isEqualTo("applied");
        List<RecordedRequest> requests = requestsFor(customer);
        assertThat(requests).hasSize(3);
        Duration waited = Duration.between(requests.get(0).time(), requests.get(1).time());
        assertThat(waited).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aBurstOfServerErrorsIsRetriedUntilItPasses() throws Exception {
        harness.sandbox.faults().serverErrors(3, 503);
        harness.drop("e.json", emailChange(customer, "burst@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("burst@contoso.com");
    }

    @Test
    void aPutLostToATimeoutIsResentWithItsMsRequestIdAfterReReading() throws Exception {
        harness.sandbox.faults().losePuts(1, Duration.ofMillis(1500));
        harness.drop("lost.json", emailChange(customer, "lost@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of("camel.component.http.response-timeout", "400"));

        assertThat(summary.exitCode()).isZero();
        assertThat(onlyChange("lost.json").path("outcome").asText()).isEqualTo("applied");
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("lost@contoso.com");
        List<RecordedRequest> requests = requestsFor(customer);
        assertThat(requests).extracting(RecordedRequest::method).containsExactly("GET", "PUT", "GET", "PUT");
        assertThat(requests.get(3).header("MS-RequestId")).as("same PUT re-sent after no response")
                .isEqualTo(requests.get(1).header("MS-RequestId"));
        assertThat(requests.get(2).header("MS-RequestId")).isNotEqualTo(requests.get(0).header("MS-RequestId"));
        assertThat(requests).extracting(r -> r.header("MS-CorrelationId")).containsOnly(requests.get(0).header("MS-CorrelationId"));
    }

    @Test
    void transientFailuresBeyondTheRetryBudgetAreDeadLetteredAsUnavailable() throws Exception {
        harness.sandbox.faults().serverErrors(1000, 502);
        harness.drop("u.json", emailChange(customer, "late@contoso.com"));

        harness.runOnce(Map.of("sync.retry.max-duration", "1s"));

        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("u.0.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("unavailable");
        assertThat(error.path("httpStatus").asInt()).isEqualTo(502);
    }

    @Test
    void whileTheEndpointIsDownNothingIsDeadLetteredAndWorkResumesWhenItIsBack() throws Exception {
        harness.sandbox.stop();
        harness.start(Map.of());
        harness.drop("down.json", "[" + emailChange(customer, "back@contoso.com") + "," + emailChange(other, "other@contoso.com") + "]");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> isEmptyDirectory(harness.deadLetter)
                && Files.exists(harness.inbox.resolve("down.json")));
        assertThat(harness.deadLetter).isEmptyDirectory();
        assertThat(harness.inbox.resolve("down.json")).exists();
        harness.sandbox.restart();

        JsonNode result = harness.awaitResult("down.json", Duration.ofSeconds(20));
        assertThat(result.path("summary").path("applied").asInt()).isEqualTo(2);
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("back@contoso.com");
        assertThat(harness.deadLetter).isEmptyDirectory();
    }

    @Test
    void permanentFailuresAreDeadLetteredWithTheServersReasonAndNotRetried() throws Exception {
        String unknown = "11111111-2222-3333-4444-555555555555";
        harness.sandbox.faults().answerNext(other, 403,
                "{\"code\": \"20002\", \"description\": \"No commerce relationship exists.\", \"data\": [], \"source\": \"PartnerFD\"}");
        harness.drop("p.json", "[" + emailChange(unknown, "a@contoso.com") + ","
                + emailChange(other, "b@contoso.com") + ","
                + "{\"customerId\": \"" + customer + "\", \"changes\": {\"defaultAddress\": {\"state\": \"WA\", \"region\": \"Pacific\"}}}]");

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isEqualTo(1);
        JsonNode notFound = SyncHarness.readJson(harness.deadLetter.resolve("p.0.json.error.json"));
        assertThat(notFound.path("category").asText()).isEqualTo("not-found");
        assertThat(notFound.path("httpStatus").asInt()).isEqualTo(404);
        assertThat(notFound.path("serverError").path("code").asInt()).isEqualTo(1000);
        JsonNode forbidden = SyncHarness.readJson(harness.deadLetter.resolve("p.1.json.error.json"));
        assertThat(forbidden.path("category").asText()).isEqualTo("forbidden");
        assertThat(forbidden.path("message").asText()).contains("20002");
        JsonNode rejected = SyncHarness.readJson(harness.deadLetter.resolve("p.2.json.error.json"));
        assertThat(rejected.path("category").asText()).isEqualTo("rejected");
        assertThat(rejected.path("message").asText()).contains("StateInvalid");
        assertThat(rejected.path("serverError").path("data").toString()).contains("StateInvalid");
        assertThat(requestsFor(unknown)).hasSize(1);
        assertThat(requestsFor(other)).hasSize(1);
        assertThat(requestsFor(customer).stream().filter(r -> r.method().equals("PUT"))).hasSize(1);
    }

    @Test
    void aFixedDeadLetteredChangeIsReplayedAndApplied() throws Exception {
        harness.drop("r.json", "{\"customerId\": \"" + customer + "\", \"changeId\": \"R-1\", \"changes\": "
                + "{\"defaultAddress\": {\"region\": \"Pacific\"}}}");
        harness.runOnce(Map.of());
        Path dead = harness.deadLetter.resolve("r.0.json");
        assertThat(dead).exists();

        Files.writeString(dead, "{\"customerId\": \"" + customer + "\", \"changeId\": \"R-1\", \"changes\": "
                + "{\"defaultAddress\": {\"city\": \"Seattle\"}}}");
        new io.billingsync.records.DeadLetterFolder(harness.deadLetter).replay(harness.inbox, List.of("r.0.json"));
        assertThat(harness.inbox.resolve("r.0.json")).exists();
        assertThat(harness.deadLetter.resolve("replayed").resolve("r.0.json.error.json")).exists();
        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        assertThat(harness.sandbox.profile(customer).path("defaultAddress").path("city").asText()).isEqualTo("Seattle");
        assertThat(onlyChange("r.0.json").path("changeId").asText()).isEqualTo("R-1");
    }

    @Test
    void aDryRunRecordsWhatWouldChangeAndSendsNoPut() throws Exception {
        harness.drop("d.json", emailChange(customer, "dry@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of("sync.dry-run", "true"));

        assertThat(summary.exitCode()).isZero();
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));
        assertThat(harness.inbox.resolve("d.json")).exists();
        JsonNode change = SyncHarness.readJson(harness.done.resolve("d.json.dry-run.result.json")).path("changes").get(0);
        assertThat(change.path("outcome").asText()).isEqualTo("would-apply");
        assertThat(change.path("changedFields").toString()).contains("email");
    }

    @Test
    void aRefusedStaticTokenHaltsProcessingAndLeavesTheFileInTheInbox() throws Exception {
        harness.drop("auth.json", emailChange(customer, "auth@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of("partnercenter.token", "not-the-token"));

        assertThat(summary.exitCode()).isEqualTo(3);
        assertThat(summary.halts().get(0)).contains("401");
        assertThat(harness.inbox.resolve("auth.json")).exists();
        assertThat(harness.deadLetter).isEmptyDirectory();
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
