package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SandboxExtension.Root;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Service mode: the desired-state timer, health and metrics on the management port, private records. */
@ExtendWith(SyncServiceExtension.class)
class ServiceModeTest {
    @Root
    Path root;
    SyncHarness harness;
    @Customers(2)
    List<String> customers;


    @Test
    void theTimerReconcilesDriftAndThenSendsNothing() throws Exception {
        String drifted = customers.get(0);
        String inStep = customers.get(1);
        Path desired = root.resolve("desired.json");
        Files.writeString(desired, "[{\"customerId\":\"" + drifted + "\",\"changes\":{\"companyName\":\"Desired Name\"}},"
                + "{\"customerId\":\"" + inStep + "\",\"changes\":{\"companyName\":\""
                + harness.sandbox.profile(inStep).path("companyName").asText() + "\"}}]");

        harness.start(Map.of("sync.desired-state.file", desired.toString(), "sync.desired-state.period", "700ms"));

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.desiredStateRecords().size() >= 2);
        List<Path> records = harness.desiredStateRecords();
        JsonNode first = SyncHarness.readJson(records.get(0));
        assertThat(first.path("summary").path("applied").asInt()).isEqualTo(1);
        assertThat(first.path("summary").path("unchanged").asInt()).isEqualTo(1);
        assertThat(harness.sandbox.profile(drifted).path("companyName").asText()).isEqualTo("Desired Name");
        JsonNode second = SyncHarness.readJson(records.get(1));
        assertThat(second.path("summary").path("unchanged").asInt()).isEqualTo(2);
        assertThat(harness.sandbox.putCount(drifted)).isEqualTo(1);
        assertThat(harness.sandbox.putCount(inStep)).isZero();
        assertThat(Files.exists(desired)).as("the desired-state file stays").isTrue();
    }

    @Test
    void aBrokenDesiredStateFileIsReportedAndRetriedOnTheNextTick() throws Exception {
        Path desired = root.resolve("desired.json");
        Files.writeString(desired, "[ {\"customerId\": ");
        harness.start(Map.of("sync.desired-state.file", desired.toString(), "sync.desired-state.period", "300ms"));
        // several ticks pass, each failing to read the file: none may leave a record
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> harness.desiredStateRecords().isEmpty());
        assertThat(harness.desiredStateRecords()).isEmpty();

        Files.writeString(desired, "[{\"customerId\":\"" + customers.get(0) + "\",\"changes\":{\"email\":\"fixed@contoso.com\"}}]");

        await().atMost(Duration.ofSeconds(10)).until(() -> !harness.desiredStateRecords().isEmpty());
        assertThat(harness.sandbox.profile(customers.get(0)).path("email").asText()).isEqualTo("fixed@contoso.com");
    }

    @Test
    void healthGoesDownWhilePartnerCenterIsUnreachableAndMetricsCountTheBatch() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        harness.start(Map.of("camel.management.enabled", "true", "camel.management.port", String.valueOf(port),
                "camel.metrics.enabled", "true"));
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/observe/health?data=true");
        URI metrics = URI.create("http://127.0.0.1:" + port + "/observe/metrics");

        harness.drop("ok.json", "[{\"customerId\":\"" + customers.get(0) + "\",\"changes\":{\"email\":\"m@contoso.com\"}},"
                + "{\"customerId\":\"" + customers.get(1) + "\",\"changes\":{\"emial\":\"typo@contoso.com\"}}]");
        harness.awaitResult("ok.json", Duration.ofSeconds(15));
        assertThat(get(http, health).body()).contains("\"UP\"");
        String scraped = get(http, metrics).body();
        assertThat(scraped).containsPattern("billing_sync_changes_total\\{category=\"\",outcome=\"applied\"[^}]*} 1\\.0");
        assertThat(scraped).containsPattern("billing_sync_changes_total\\{category=\"invalid\",outcome=\"dead-lettered\"[^}]*} 1\\.0");
        assertThat(scraped).contains("billing_sync_partner_center_request_seconds_bucket", "operation=\"PUT\"", "operation=\"GET\"");

        harness.sandbox.stop();
        harness.drop("down.json", "{\"customerId\":\"" + customers.get(1) + "\",\"changes\":{\"email\":\"d@contoso.com\"}}");
        await().atMost(Duration.ofSeconds(15)).until(() -> get(http, health).statusCode() == 503);
        assertThat(get(http, health).body()).contains("DOWN", "partner-center");
        assertThat(get(http, metrics).body()).containsPattern("billing_sync_retries_total[^\\n]* [1-9]");

        harness.sandbox.restart();
        harness.awaitResult("down.json", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, health).statusCode() == 200);
    }

    @Test
    void recordsAndDeadLettersAreOwnerOnly() throws Exception {
        harness.drop("private.json", "[{\"customerId\":\"" + customers.get(0) + "\",\"changes\":{\"email\":\"p@contoso.com\"}},"
                + "{\"customerId\":\"" + customers.get(0) + "\",\"changes\":{\"emial\":\"p@contoso.com\"}}]");
        harness.runOnce(Map.of());
        for (Path file : List.of(harness.done.resolve("private.json.result.json"), harness.deadLetter.resolve("private.1.json"),
                harness.deadLetter.resolve("private.1.json.error.json"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(harness.deadLetter))).isEqualTo("rwx------");
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
