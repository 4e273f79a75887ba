package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.route.PartnerCenterHealth;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.sandbox.SandboxFaults;
import io.billingsync.service.SyncService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the service reads Partner Center's answers over real HTTP: every 2xx to a PUT is success, a 200 that is
 * not a profile is a passing glitch, the body's ETag wins, every retry is the service's own and counted, every
 * request has a deadline, and no token survives in a stored server body.
 */
class HttpAnswersTest extends OneCustomerSyncTest {
    private String emailChange(String email) {
        return "{\"customerId\": \"" + customer + "\", \"changeId\": \"H-1\", \"changes\": {\"email\": \"" + email + "\"}}";
    }

    private JsonNode onlyChange(String file) {
        return SyncHarness.readJson(harness.done.resolve(file + ".result.json")).path("changes").get(0);
    }

    private List<RecordedRequest> requests(String method) {
        return harness.sandbox.requests().stream()
                .filter(r -> r.path().contains(customer) && r.method().equals(method)).toList();
    }

    @ParameterizedTest
    @CsvSource({"201, ''", "204, ''", "200, ''", "201, '{\"status\":\"accepted\"}'"})
    void aPutAnsweredWithAnyTwoHundredIsAppliedAndNeverDeadLettered(int status, String body) throws Exception {
        harness.sandbox.faults().answerStoredPuts(1, status, body);
        harness.drop("ok.json", emailChange("stored@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        JsonNode change = onlyChange("ok.json");
        assertThat(change.path("outcome").asText()).isEqualTo("applied");
        assertThat(change.path("attempts").asInt()).isEqualTo(1);
        assertThat(change.has("etagAfter")).as("no ETag in the answer: none recorded").isFalse();
        assertThat(harness.deadLetter).isEmptyDirectory();
        assertThat(requests("PUT")).hasSize(1);
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("stored@contoso.com");
    }

    @ParameterizedTest
    @EnumSource(SandboxFaults.Glitch.class)
    void aGetAnsweredTwoHundredWithSomethingElseThanAProfileIsRetried(SandboxFaults.Glitch glitch) throws Exception {
        harness.sandbox.faults().glitches("GET", 1, glitch);
        harness.drop("g.json", emailChange("glitch@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        JsonNode change = onlyChange("g.json");
        assertThat(change.path("outcome").asText()).isEqualTo("applied");
        assertThat(change.path("attempts").asInt()).isEqualTo(2);
        assertThat(requests("GET")).hasSize(2);
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("glitch@contoso.com");
    }

    @ParameterizedTest
    @EnumSource(SandboxFaults.Glitch.class)
    void aPutAnsweredTwoHundredWithSomethingElseThanAProfileIsCheckedByReReading(SandboxFaults.Glitch glitch) throws Exception {
        harness.sandbox.faults().glitches("PUT", 1, glitch);
        harness.drop("p.json", emailChange("put-glitch@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        assertThat(harness.deadLetter).isEmptyDirectory();
        JsonNode change = onlyChange("p.json");
        assertThat(change.path("attempts").asInt()).isEqualTo(2);
        // a cut body came from a stored PUT: the re-read finds the change there; a gateway page stored nothing
        assertThat(change.path("outcome").asText()).isEqualTo(glitch == SandboxFaults.Glitch.TRUNCATED ? "unchanged" : "applied");
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("put-glitch@contoso.com");
    }

    @Test
    void aGlitchThatLastsIsDeadLetteredAsUnavailableAfterTheBudgetNotAsRejected() throws Exception {
        harness.sandbox.faults().glitches("GET", 1000, SandboxFaults.Glitch.HTML);
        harness.drop("m.json", emailChange("maintenance@contoso.com"));

        harness.runOnce(Map.of("sync.retry.max-duration", "1s"));

        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("m.0.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("unavailable");
        assertThat(error.path("attempts").asInt()).isGreaterThan(1);
        assertThat(error.path("message").asText()).contains("not a billing profile", "Down for maintenance");
    }

    @Test
    void theEtagInTheBodyWinsOverADifferingEtagHeader() throws Exception {
        harness.sandbox.faults().gatewayEtagHeader(true);
        String bodyEtag = harness.sandbox.profile(customer).path("attributes").path("etag").asText();
        harness.drop("e.json", emailChange("etag@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        JsonNode change = onlyChange("e.json");
        assertThat(change.path("outcome").asText()).isEqualTo("applied");
        assertThat(change.path("attempts").asInt()).isEqualTo(1);
        assertThat(change.path("etagBefore").asText()).isEqualTo(bodyEtag);
        assertThat(change.path("etagAfter").asText())
                .isEqualTo(harness.sandbox.profile(customer).path("attributes").path("etag").asText());
        assertThat(requests("PUT")).singleElement().extracting(r -> r.header("If-Match")).isEqualTo("\"" + bodyEtag + "\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 429})
    void aRetryIsTheServicesOwnCountedInAttemptsWithANewRequestId(int status) throws Exception {
        if (status == 429) {
            harness.sandbox.faults().throttle(1, 1);
        } else {
            harness.sandbox.faults().serverErrors(1, status);
        }
        harness.drop("r.json", emailChange("retried@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(summary.exitCode()).isZero();
        JsonNode change = onlyChange("r.json");
        List<RecordedRequest> gets = requests("GET");
        assertThat(gets).as("one GET per attempt, no hidden re-send").hasSize(change.path("attempts").asInt());
        assertThat(change.path("attempts").asInt()).isEqualTo(2);
        assertThat(gets).extracting(r -> r.header("MS-RequestId")).doesNotHaveDuplicates();
        assertThat(requests("PUT")).hasSize(1);
    }

    @Test
    void aRetryAfterBeyondTheBudgetIsNotSleptThroughButDeadLetteredAndShownInHealth() throws Exception {
        harness.sandbox.faults().throttle(1, 86_400);
        SyncService service = harness.start(Map.of("sync.retry.max-duration", "30m"));
        harness.drop("long.json", emailChange("later@contoso.com"));

        JsonNode result = harness.awaitResult("long.json", Duration.ofSeconds(20));

        JsonNode change = result.path("changes").get(0);
        assertThat(change.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(change.path("category").asText()).isEqualTo("unavailable");
        assertThat(change.path("attempts").asInt()).isEqualTo(1);
        assertThat(requests("GET")).hasSize(1);
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("long.0.json.error.json"));
        assertThat(error.path("httpStatus").asInt()).isEqualTo(429);
        assertThat(error.path("message").asText()).contains("86400 seconds", "sync.retry.max-duration");
        PartnerCenterHealth health = service.camel().getRegistry().lookupByNameAndType("partnerCenterHealth", PartnerCenterHealth.class);
        assertThat(health.isUp()).isFalse();
        assertThat(health.problem()).contains("throttling", "86400");
    }

    /** The guard only stops a run that never ends; the assertions say what must happen. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTricklingAnswerIsCutOffAtTheRequestDeadlineAndRetried() throws Exception {
        harness.sandbox.faults().trickle(1, Duration.ofMillis(500));
        harness.drop("slow.json", emailChange("slow@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of("partnercenter.request-timeout", "2s"));

        assertThat(summary.exitCode()).isZero();
        JsonNode change = onlyChange("slow.json");
        assertThat(change.path("outcome").asText()).isEqualTo("applied");
        assertThat(change.path("attempts").asInt()).isEqualTo(2);
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("slow@contoso.com");
    }

    @Test
    void aTokenEchoedInAnErrorBodyIsNeverStored() throws Exception {
        String token = harness.sandbox.staticToken();
        harness.sandbox.faults().echoRequestHeaders(1);
        harness.drop("echo.json", emailChange("echo@contoso.com"));

        harness.runOnce(Map.of());

        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("echo.0.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("rejected");
        String stored = error.toString();
        assertThat(stored).containsIgnoringCase("ms-correlationid").contains("[redacted]").doesNotContain(token);
        List<Path> written;
        try (Stream<Path> files = Files.walk(root)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).hasSizeGreaterThan(2);
        for (Path file : written) {
            // every byte as one character: binary files (the history store) are searched too
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(token);
        }
    }
}
