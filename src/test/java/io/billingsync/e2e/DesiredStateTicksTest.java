package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.service.SyncService;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The desired-state timer at the cost of what changed: an unchanged tick sends nothing, an edited entry is applied at
 * the next tick, drift made in Partner Center behind the service's back is corrected within the drift-check interval,
 * a customer removed from the file is forgotten, a restarted service continues from its store. The real service
 * over HTTP against the sandbox.
 */
@ExtendWith(SyncServiceExtension.class)
class DesiredStateTicksTest {
    @Root
    Path root;
    SyncHarness harness;
    @Customers(4)
    List<String> customers;

    private Path desired() {
        return root.resolve("desired.json");
    }

    /** Writes the desired-state file as a careful writer does (a temporary name, then a rename): customer to companyName. */
    private void desire(Map<String, String> companies) throws IOException {
        StringBuilder json = new StringBuilder("[");
        companies.forEach((customer, company) -> json.append(json.length() > 1 ? "," : "").append("{\"customerId\":\"")
                .append(customer).append("\",\"changes\":{\"companyName\":\"").append(company).append("\"}}"));
        Path temp = root.resolve("desired.json.tmp");
        Files.writeString(temp, json.append("]"));
        Files.move(temp, desired(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Two customers to change, two already as desired. */
    private Map<String, String> firstState() {
        Map<String, String> companies = new LinkedHashMap<>();
        companies.put(customers.get(0), "Desired 0");
        companies.put(customers.get(1), "Desired 1");
        companies.put(customers.get(2), company(customers.get(2)));
        companies.put(customers.get(3), company(customers.get(3)));
        return companies;
    }

    private String company(String customer) {
        return harness.sandbox.profile(customer).path("companyName").asText();
    }

    private SyncService start(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.put("sync.desired-state.file", desired().toString());
        settings.putIfAbsent("sync.desired-state.period", "300ms");
        return harness.start(settings);
    }

    /** Waits until {@code more} ticks past the ones recorded so far have their records; returns all records. */
    private List<Path> awaitTicks(int more) {
        int target = harness.desiredStateRecords().size() + more;
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.desiredStateRecords().size() >= target);
        return harness.desiredStateRecords();
    }

    private static JsonNode lines(Path record) {
        return SyncHarness.readJson(record).path("changes");
    }

    private long gets(String customer) {
        return harness.sandbox.requests().stream().filter(r -> r.method().equals("GET") && r.path().contains(customer)).count();
    }

    @Test
    void anUnchangedTickSendsNoRequestAndAnEditedEntryIsAppliedOnTheNextTick() throws Exception {
        Map<String, String> companies = firstState();
        desire(companies);
        start(Map.of());

        JsonNode first = SyncHarness.readJson(awaitTicks(1).get(0));
        assertThat(first.path("summary").path("applied").asInt()).as(first.toString()).isEqualTo(2);
        assertThat(first.path("summary").path("unchanged").asInt()).isEqualTo(2);
        List<Path> records = awaitTicks(1);
        int requests = harness.sandbox.counts().requests();

        records = awaitTicks(3);
        assertThat(harness.sandbox.counts().requests()).as("requests of three unchanged ticks").isEqualTo(requests);
        for (JsonNode line : lines(records.get(records.size() - 1))) {
            assertThat(line.path("outcome").asText()).as(line.toString()).isEqualTo("unchanged");
            assertThat(line.path("attempts").asInt()).as(line.toString()).isZero();
            assertThat(line.path("message").asText()).as(line.toString()).startsWith("not read:");
        }

        companies.put(customers.get(2), "Edited 2");
        desire(companies);
        await().atMost(Duration.ofSeconds(30)).until(() -> company(customers.get(2)).equals("Edited 2"));
        awaitTicks(3);
        assertThat(harness.sandbox.putCount(customers.get(2))).isEqualTo(1);
        assertThat(harness.sandbox.counts().requests()).as("the edited customer's GET and PUT, nothing else")
                .isEqualTo(requests + 2);
        assertThat(harness.sandbox.putCount(customers.get(0)) + harness.sandbox.putCount(customers.get(1))).isEqualTo(2);
    }

    @Test
    void driftBehindTheServicesBackIsCorrectedWithinTheIntervalReadingEachCustomerAboutOnceAnInterval() throws Exception {
        Map<String, String> companies = new LinkedHashMap<>();
        customers.forEach(c -> companies.put(c, "Desired " + c.substring(0, 8)));
        desire(companies);
        start(Map.of("sync.desired-state.drift-check-interval", "3s", "sync.desired-state.period", "250ms"));
        awaitTicks(1);
        harness.sandbox.clearRequests();

        String drifted = customers.get(1);
        harness.sandbox.putCustomerField(drifted, "companyName", "Changed in Partner Center");
        await().atMost(Duration.ofSeconds(30)).until(() -> company(drifted).equals(companies.get(drifted)));
        assertThat(harness.sandbox.putCount(drifted)).isEqualTo(2);

        // over two more intervals each customer is read about twice, not at each of some 20 ticks
        harness.sandbox.clearRequests();
        Thread.sleep(Duration.ofSeconds(6).toMillis()); // a window of two intervals
        for (String customer : customers) {
            assertThat(gets(customer)).as(customer + " read in 6 s").isBetween(1L, 3L);
        }
        assertThat(harness.sandbox.requests()).as("no PUT: nothing drifted meanwhile").allMatch(r -> r.method().equals("GET"));
    }

    @Test
    void aRemovedCustomerIsForgottenAndReadAgainWhenItComesBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> companies = firstState();
        desire(companies);
        start(Map.of("camel.management.enabled", "true", "camel.management.port", String.valueOf(port),
                "camel.metrics.enabled", "true", "camel.health.exposure-level", "full"));
        awaitTicks(2);
        URI health = URI.create("http://127.0.0.1:" + port + "/observe/health?data=true");
        assertThat(get(health)).contains("{\"name\":\"desired-state\",\"status\":\"UP\"", "\"customers\":4", "\"inState\":4",
                "\"pending\":0", "\"lastFullDriftPass\":\"20");

        String removed = customers.get(3);
        companies.remove(removed);
        desire(companies);
        List<Path> records = awaitTicks(2);
        assertThat(lines(records.get(records.size() - 1))).hasSize(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(health).contains("\"customers\":3"));
        assertThat(get(URI.create("http://127.0.0.1:" + port + "/observe/metrics")))
                .containsPattern("billing_sync_desired_state_customers\\{state=\"in-state\"[^}]*} 3\\.0")
                .containsPattern("billing_sync_desired_state_customers\\{state=\"pending\"[^}]*} 0\\.0")
                .containsPattern("billing_sync_desired_state_last_full_drift_pass_timestamp_seconds[^\\n]* 1\\.[0-9]+E9");

        harness.sandbox.clearRequests();
        companies.put(removed, company(removed)); // back, as it was when it was verified
        desire(companies);
        await().atMost(Duration.ofSeconds(30)).until(() -> gets(removed) == 1);
        awaitTicks(2);
        assertThat(harness.sandbox.requests()).as("only the customer that came back is read").extracting(RecordedRequest::method)
                .containsExactly("GET");
    }

    @Test
    void aRestartedServiceContinuesFromItsStore() throws Exception {
        desire(firstState());
        SyncService first = start(Map.of());
        awaitTicks(2);
        first.close();
        int requests = harness.sandbox.counts().requests();
        assertThat(requests).as("one read of each customer, two PUTs").isEqualTo(6);

        start(Map.of());
        List<Path> records = awaitTicks(3);
        assertThat(harness.sandbox.counts().requests()).as("requests after the restart").isEqualTo(requests);
        assertThat(SyncHarness.readJson(records.get(records.size() - 1)).path("summary").path("unchanged").asInt()).isEqualTo(4);
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
