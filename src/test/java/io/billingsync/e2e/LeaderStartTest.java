package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.service.SyncService;
import io.billingsync.testkit.SandboxExtension.Customer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A leader on a machine in trouble when it takes the lock (too busy to start its consumers on time: CPU starvation,
 * a long GC, a frozen VM; or out of threads for a moment) still consumes the inbox once it can, and is not ready
 * meanwhile: leading never means holding the lock without taking files.
 */
@ExtendWith(SyncServiceExtension.class)
class LeaderStartTest {
    SyncHarness harness;
    @Customer
    String customer;
    final HttpClient http = HttpClient.newHttpClient();
    int port;

    @BeforeEach
    void findAFreePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    @Test
    void aLeaderWhoseConsumersStartLateTakesTheInboxFiles() throws Exception {
        SyncService service = startLeading(LateLeaderThreads.class, Map.of());
        LateLeaderThreads late = service.camel().getRegistry().lookupByNameAndType("trouble", LateLeaderThreads.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> late.delayed() > 0);

        dropAndAwait();
        assertThat(service.leadership().isLeading()).isTrue();
    }

    @Test
    void aLeaderIsNotReadyUntilItsConsumersRun() throws Exception {
        startLeading(LateLeaderThreads.class, management());

        HttpResponse<String> notYet = ready();
        assertThat(notYet.statusCode()).as(notYet.body()).isEqualTo(503);
        assertThat(notYet.body()).contains("leader-routes", "Leading, but not consuming: route(s) inbox not running yet");

        dropAndAwait();
        HttpResponse<String> consuming = ready();
        assertThat(consuming.statusCode()).as(consuming.body()).isEqualTo(200);
    }

    @Test
    void anInboxConsumerThatCannotStartIsTriedAgainAndNamedByReadiness() throws Exception {
        startLeading(InboxThreadRefusedOnce.class, management());

        // Camel reports the refused pool as the consumer's failure to start (its words vary): readiness names the route
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().body().contains("route inbox did not start"));
        HttpResponse<String> refused = ready();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.body()).contains("leader-routes", "Leading, but not consuming");

        dropAndAwait();
        HttpResponse<String> consuming = ready();
        assertThat(consuming.statusCode()).as(consuming.body()).isEqualTo(200);
    }

    /** Starts the service with its threads in {@code trouble}, once it leads. */
    private SyncService startLeading(Class<? extends ThreadTrouble> trouble, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("camel.beans.trouble", "#class:" + trouble.getName());
        SyncService service = harness.start(settings);
        await().atMost(Duration.ofSeconds(20)).until(() -> service.leadership().isLeading());
        return service;
    }

    private void dropAndAwait() {
        harness.drop("late.json", "[{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"Late Leader\"}}]");
        harness.awaitResult("late.json", Duration.ofSeconds(40));
        assertThat(harness.sandbox.profile(customer).path("companyName").asText()).isEqualTo("Late Leader");
    }

    private Map<String, String> management() {
        return Map.of("camel.management.enabled", "true", "camel.management.port", String.valueOf(port));
    }

    private HttpResponse<String> ready() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready?data=true"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
