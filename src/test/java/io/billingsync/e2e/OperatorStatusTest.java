package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's view of a running service over its management port: /observe/status and the gauges, from a real
 * run against the sandbox: dead letters by category, the last change applied, a halted file with its cause.
 */
@ExtendWith(SyncServiceExtension.class)
class OperatorStatusTest {
    SyncHarness harness;
    ManagementPort port = new ManagementPort();

    private Map<String, String> management() {
        return port.settings("camel.metrics.enabled", "true", "sync.status.refresh-interval", "100ms");
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = port.get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    JsonNode status() throws IOException, InterruptedException {
        return SyncHarness.parse(get("/observe/status"));
    }

    @Test
    void deadLettersAndTheLastAppliedChangeShowInTheStatusAndTheGauges() throws Exception {
        List<String> customers = harness.sandbox.addCustomers(2);
        harness.start(management());
        await().atMost(Duration.ofSeconds(20)).until(() -> "leader".equals(status().path("leader").path("role").asText()));
        JsonNode idle = status();
        assertThat(idle.path("source").asText()).isEqualTo("service");
        assertThat(idle.path("verdict").asText()).as(idle.toString()).isEqualTo("healthy");

        harness.drop("mixed.ndjson", "{\"customerId\":\"" + customers.get(0) + "\",\"changeId\":\"c-1\",\"changes\":{\"companyName\":\"Fabrikam\"}}\n"
                + "{\"customerId\":\"" + customers.get(1) + "\",\"changeId\":\"c-2\",\"changes\":{\"emial\":\"typo@contoso.com\"}}\n");
        harness.awaitResult("mixed.ndjson", Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(10)).until(() -> status().path("deadLetters").path("total").asLong() == 1);
        JsonNode after = status();
        assertThat(after.path("deadLetters").path("byCategory").path("invalid").asLong()).isEqualTo(1);
        assertThat(after.path("verdict").asText()).isEqualTo("needs-attention");
        assertThat(after.path("lastAppliedChange").isTextual()).as(after.toString()).isTrue();
        assertThat(after.path("lastCompletedFile").isTextual()).as(after.toString()).isTrue();
        assertThat(after.path("inbox").path("files").asLong()).isZero();
        assertThat(after.toString()).as("no personal data in the status").doesNotContain("typo@contoso.com", "Fabrikam");

        String metrics = get("/observe/metrics");
        assertThat(metrics).contains("billing_sync_dead_letters{category=\"invalid\"} 1.0")
                .contains("billing_sync_dead_letters{category=\"not-found\"} 0.0")
                .contains("billing_sync_inbox_files 0.0")
                .contains("billing_sync_file_halted{cause=\"credentials\"} 0.0");
        assertThat(gauge(metrics, "billing_sync_last_applied_change_timestamp_seconds")).isPositive();
        assertThat(gauge(metrics, "billing_sync_last_completed_file_timestamp_seconds")).isPositive();
    }

    @Test
    void aFileHaltedOnRefusedCredentialsShowsAsHaltedWithItsCause() throws Exception {
        String customer = harness.sandbox.addCustomers(1).get(0);
        harness.sandbox.faults().refuseCredentials(true);
        harness.start(management());
        harness.drop("refused.json", "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"Contoso\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "halted".equals(status().path("verdict").asText()));
        JsonNode halted = status().path("halted");
        assertThat(halted.path("file").asText()).isEqualTo("refused.json");
        assertThat(halted.path("cause").asText()).isEqualTo("credentials");
        await().atMost(Duration.ofSeconds(5)).until(() -> status().path("inbox").path("files").asLong() == 1);
        String metrics = get("/observe/metrics");
        assertThat(metrics).contains("billing_sync_file_halted{cause=\"credentials\"} 1.0")
                .contains("billing_sync_inbox_files 1.0");
        assertThat(gauge(metrics, "billing_sync_inbox_oldest_file_age_seconds")).isGreaterThanOrEqualTo(0);

        harness.sandbox.faults().refuseCredentials(false);
        harness.awaitResult("refused.json", Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> status().path("halted").isMissingNode());
    }

    static double gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in the scrape"));
    }
}
