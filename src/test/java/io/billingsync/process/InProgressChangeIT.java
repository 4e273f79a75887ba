package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.history.ChangeHistory;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines appended to an NDJSON file while the jar processes it, then SIGKILL and a restart: the appended lines are
 * applied too, every line settles exactly once in the one result record, and the sandbox ends in the state of
 * applying every line once, in order.
 */
class InProgressChangeIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CUSTOMERS = 10;

    @TempDir
    Path root;
    PartnerCenterSandbox sandbox;
    List<String> customers;
    Path inbox;
    Path done;
    final Map<String, String> expected = new HashMap<>();
    int lines;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults());
        sandbox.setLatency(Duration.ofMillis(20));
        customers = sandbox.addCustomers(CUSTOMERS);
        inbox = Files.createDirectories(root.resolve("inbox"));
        done = root.resolve("done");
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    private String lines(String prefix, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String customer = customers.get(lines % CUSTOMERS);
            String company = prefix + String.format("%03d", i);
            text.append("{\"customerId\":\"").append(customer).append("\",\"changeId\":\"").append(company)
                    .append("\",\"changes\":{\"companyName\":\"").append(company).append("\"}}\n");
            expected.put(customer, company);
            lines++;
        }
        return text.toString();
    }

    private int totalPuts() {
        return customers.stream().mapToInt(sandbox::putCount).sum();
    }

    @Test
    void linesAppendedBeforeAKillAreAppliedOnceAfterTheRestart() throws Exception {
        Path file = Files.writeString(inbox.resolve("a.ndjson"), lines("A-", 100));
        // the service is stopped at counts of PUTs, one per change: each change its own write
        Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(), "sync.concurrency = 4",
                "sync.coalesce.max-changes = 1");
        Path log = root.resolve("service.log");
        Map<String, String> environment = Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken());

        try (ServiceProcess service = ServiceProcess.start(config, log, environment)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> totalPuts() >= 20);
            Files.writeString(file, lines("B-", 30), StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(60)).until(() -> totalPuts() >= 60);
            service.kill();
        }
        assertThat(totalPuts()).as("killed mid-file").isLessThan(lines);

        try (ServiceProcess service = ServiceProcess.start(config, log, environment)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(done.resolve("a.ndjson.result.json")));
            assertThat(service.terminate(30)).isZero();
        }

        JsonNode result = JSON.readTree(done.resolve("a.ndjson.result.json").toFile());
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode change : result.path("changes")) {
            indexes.add(change.path("index").asInt());
            assertThat(change.path("outcome").asText()).isIn("applied", "unchanged");
        }
        assertThat(indexes).as("every line exactly once").hasSize(lines).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(done.resolve("a.ndjson"))).as("the archived file is what was processed").hasSize(lines);
        assertThat(inbox.resolve("a.ndjson")).doesNotExist();
        expected.forEach((customer, company) ->
                assertThat(sandbox.profile(customer).path("companyName").asText()).as(customer).isEqualTo(company));
        Map<String, List<String>> written = new HashMap<>();
        for (RecordedRequest r : sandbox.requests()) {
            if (r.method().equals("PUT")) {
                written.computeIfAbsent(r.path().split("/")[3], k -> new ArrayList<>())
                        .add(JSON.readTree(r.body()).path("companyName").asText());
            }
        }
        written.forEach((customer, values) -> assertThat(values).as("PUT order for " + customer)
                .isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates());
        try (Stream<Path> left = Files.list(root.resolve("work"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no journal left, only the leader lock and the history")
                    .containsExactlyInAnyOrder(".leader", ChangeHistory.FILE_NAME, ChangeHistory.WITNESS_NAME);
        }
    }
}
