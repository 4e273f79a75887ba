package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.service.SyncService;
import io.billingsync.testkit.SandboxExtension.Customers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A file that cannot be completed for a reason outside it (credentials refused, a folder that became unusable)
 * is retried with a back-off that doubles up to sync.inbox.max-backoff, shows in health and metrics, and ends a
 * --once run with its own exit code.
 */
@ExtendWith(SyncServiceExtension.class)
class FileRetryTest {
    SyncHarness harness;
    SettledChanges changes = new SettledChanges();
    @Customers(2)
    List<String> customers;

    @Test
    void refusedCredentialsAreRetriedWithADoublingBackOffAndShowInHealthAndMetrics() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        harness.sandbox.faults().refuseCredentials(true);
        harness.drop("a.json", "[" + changes.change("a0", customers.get(0), "a0@contoso.com") + "]");
        harness.start(Map.of("sync.inbox.max-backoff", "800ms", "camel.management.enabled", "true",
                "camel.management.port", String.valueOf(port), "camel.metrics.enabled", "true"));
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/observe/health?data=true");
        URI metrics = URI.create("http://127.0.0.1:" + port + "/observe/metrics");

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.sandbox.requests().size() >= 7);

        List<RecordedRequest> refused = harness.sandbox.requests();
        long[] atLeast = {100, 200, 400, 800, 800, 800};
        for (int i = 0; i < atLeast.length; i++) {
            long gap = Duration.between(refused.get(i).time(), refused.get(i + 1).time()).toMillis();
            assertThat(gap).as("wait before attempt %d", i + 2).isGreaterThanOrEqualTo(atLeast[i] - 5);
        }
        HttpResponse<String> down = get(http, health);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("inbox", "a.json");
        assertThat(get(http, metrics).body()).containsPattern("billing_sync_file_failures_total\\{[^}]*} [1-9]");

        harness.sandbox.faults().refuseCredentials(false);

        harness.awaitResult("a.json", Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, health).statusCode() == 200);
        changes.assertHolds(harness);
    }

    @Test
    void aDoneFolderThatBecameAPlainFileEndsAOnceRunWithExitCode4AndTheNextRunFinishesTheFile() throws Exception {
        String customer = customers.get(0);
        harness.sandbox.setLatency(Duration.ofMillis(300));
        harness.drop("a.json", "[" + changes.change("a0", customer, "a0@contoso.com") + ","
                + changes.change("a1", customer, "a1@contoso.com") + "]");
        // each change its own PUT, so "nothing sent twice" reads off the PUTs per change
        Map<String, String> once = new HashMap<>(Map.of("sync.once", "true", "sync.coalesce.max-changes", "1"));
        SyncService service = harness.service(once);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
            try {
                return service.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> !harness.sandbox.requests().isEmpty());
        Files.delete(harness.done);
        Files.writeString(harness.done, "not a folder");

        await().atMost(Duration.ofSeconds(30)).until(run::isDone);
        RunSummary failed = run.get();
        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(failed.render()).contains("a.json", harness.done.getFileName().toString());
        assertThat(SettledChanges.changeFilesIn(harness.inbox)).containsExactly("a.json");

        Files.delete(harness.done);
        RunSummary next = harness.runOnce(Map.of("sync.coalesce.max-changes", "1"));

        assertThat(next.exitCode()).isZero();
        assertThat(SettledChanges.putEmails(harness, customer)).as("nothing sent twice")
                .containsExactly("a0@contoso.com", "a1@contoso.com");
        changes.assertHolds(harness);
    }

    @Test
    void aDeadLetterFolderThatCannotBeWrittenIsNotMistakenForRefusedCredentials() throws Exception {
        String customer = customers.get(0);
        SyncService service = harness.start(Map.of());
        Files.delete(harness.deadLetter);
        Files.writeString(harness.deadLetter, "not a folder");
        harness.sandbox.faults().answerNext(customer, 404,
                "{\"code\": 1000, \"description\": \"Customer not found.\", \"data\": [], \"source\": \"PartnerFD\"}");

        harness.drop("a.json", "[{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"x@contoso.com\"}}]");

        await().atMost(Duration.ofSeconds(20)).until(() -> service.summary().exitCode() != 0);
        assertThat(service.summary().exitCode()).isEqualTo(4);
        assertThat(service.summary().halts()).isEmpty();
        assertThat(service.summary().render()).contains("NOT COMPLETED: a.json");
        assertThat(SettledChanges.changeFilesIn(harness.inbox)).containsExactly("a.json");
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
