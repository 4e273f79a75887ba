package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The management port's health over HTTP: liveness says the process is working, readiness that Partner Center
 * answers us; a long first file being processed is healthy on both.
 */
@ExtendWith(SyncServiceExtension.class)
class HealthEndpointsTest {
    SyncHarness harness;
    ManagementPort port = new ManagementPort();

    private Map<String, String> management() {
        return port.settings();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return port.get(path);
    }

    @Test
    void aLongFirstFileBeingProcessedIsUpOnHealthLivenessAndReadiness() throws Exception {
        String customer = harness.sandbox.addCustomers(1).get(0);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            lines.append("{\"customerId\":\"").append(customer).append("\",\"changes\":{\"companyName\":\"Slow ").append(i).append("\"}}\n");
        }
        harness.sandbox.setLatency(Duration.ofMillis(250));
        harness.drop("slow.ndjson", lines.toString());

        harness.start(management());

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.sandbox.requests().size() >= 2);
        for (String path : List.of("/observe/health", "/observe/health/live", "/observe/health/ready")) {
            HttpResponse<String> answer = get(path + "?data=true");
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(path).contains("\"UP\"");
        }
        assertThat(Files.exists(harness.done.resolve("slow.ndjson.result.json"))).as("asked while the file was being processed").isFalse();
        harness.awaitResult("slow.ndjson", Duration.ofSeconds(30));
        assertThat(get("/observe/health").statusCode()).isEqualTo(200);
    }

    @Test
    void partnerCenterUnreachableMakesTheServiceNotReadyButStillLive() throws Exception {
        String customer = harness.sandbox.addCustomers(1).get(0);
        harness.start(management());
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/observe/health/ready").statusCode() == 200);

        harness.sandbox.stop();
        harness.drop("down.json", "{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"d@contoso.com\"}}");

        await().atMost(Duration.ofSeconds(15)).until(() -> get("/observe/health/ready").statusCode() == 503);
        assertThat(get("/observe/health/ready?data=true").body()).contains("partner-center", "DOWN");
        assertThat(get("/observe/health").statusCode()).isEqualTo(503);
        HttpResponse<String> live = get("/observe/health/live");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);

        harness.sandbox.restart();
        harness.awaitResult("down.json", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/observe/health/ready").statusCode() == 200);
    }
}
