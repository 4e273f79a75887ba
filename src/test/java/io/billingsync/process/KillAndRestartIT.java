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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar as its own process, killed with SIGKILL mid-batch several times and started again, then stopped
 * with SIGTERM: every change of every file ends exactly once as applied, unchanged or dead-lettered, and the
 * sandbox ends in the state of applying every change once, in order.
 */
class KillAndRestartIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int FILES = 3;
    static final int CHANGES_PER_FILE = 150;
    static final int CUSTOMERS = 30;

    @TempDir
    Path root;
    PartnerCenterSandbox sandbox;
    List<String> customers;
    Path config;
    Path inbox;
    Path done;
    Path work;
    Path deadLetter;
    /** customer -> companyName after applying every change in order. */
    final Map<String, String> expected = new HashMap<>();
    /** file -> number of changes. */
    final Map<String, Integer> files = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults());
        sandbox.setLatency(Duration.ofMillis(20));
        customers = sandbox.addCustomers(CUSTOMERS);
        inbox = root.resolve("inbox");
        done = root.resolve("done");
        work = root.resolve("work");
        deadLetter = root.resolve("dead-letter");
        Files.createDirectories(inbox);
        config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.inbox.quiet-period = 200ms",
                "sync.inbox.poll-interval = 200ms",
                "sync.concurrency = 4",
                "sync.history = true",
                // the kills are placed at counts of PUTs, one per change: each change its own write (the coalescing
                // case below has its own settings)
                "sync.coalesce.max-changes = 1",
                "camel.main.shutdown-timeout = 20");
        for (int f = 0; f < FILES; f++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < CHANGES_PER_FILE; i++) {
                String customer = customers.get((i * 7 + f) % CUSTOMERS);
                String company = "F" + f + "-C" + String.format("%03d", i);
                lines.append("{\"customerId\":\"").append(customer).append("\",\"changeId\":\"").append(company)
                        .append("\",\"changes\":{\"companyName\":\"").append(company).append("\"}}\n");
                expected.put(customer, company);
            }
            String name = "batch-" + f + ".ndjson";
            Files.writeString(inbox.resolve(name), lines);
            files.put(name, CHANGES_PER_FILE);
        }
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    private Map<String, String> environment() {
        return Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken());
    }

    private int totalPuts() {
        return customers.stream().mapToInt(sandbox::putCount).sum();
    }

    @Test
    void killedAtAnyMomentNothingIsLostAndNothingAppliedTwice() throws Exception {
        Path log = root.resolve("service.log");
        killThenFinish(config, log, FILES * CHANGES_PER_FILE, 40, 160, 300);

        assertInvariant();
        String logText = Files.readString(log);
        assertThat(logText).contains("resuming");
        assertThat(logText).doesNotContain(sandbox.staticToken());
    }

    @Test
    void killedAtAnyMomentWithCoalescingOnNothingIsLostNothingAppliedTwiceAndEveryWriteIsRecordedWhole() throws Exception {
        // each customer's 5 changes of a file are within one window: 30 writes of 5 changes per file; the history is
        // on, so assertInvariant also checks each change's sequence and the history's writer of every customer's field
        Path coalescing = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.inbox.quiet-period = 200ms",
                "sync.inbox.poll-interval = 200ms",
                "sync.concurrency = 4",
                "sync.coalesce.max-changes = 8",
                "sync.history = true",
                "camel.main.shutdown-timeout = 20");
        Path log = root.resolve("coalescing.log");
        killThenFinish(coalescing, log, FILES * CUSTOMERS, 10, 35, 60);

        assertInvariant();
        assertThat(totalPuts()).as("changes went out together").isLessThanOrEqualTo(FILES * CUSTOMERS + 3 * 4);
        for (String file : files.keySet()) {
            Map<Integer, JsonNode> byIndex = new HashMap<>();
            JSON.readTree(done.resolve(file + ".result.json").toFile()).path("changes")
                    .forEach(c -> byIndex.put(c.path("index").asInt(), c));
            byIndex.values().stream().filter(c -> c.has("writtenWith")).forEach(c -> {
                for (JsonNode member : c.path("writtenWith")) {
                    JsonNode other = byIndex.get(member.asInt());
                    assertThat(other.path("writtenWith")).as(file + " #" + member + " recorded in the same write as #"
                            + c.path("index")).isEqualTo(c.path("writtenWith"));
                    assertThat(other.path("requestId")).isEqualTo(c.path("requestId"));
                }
            });
        }
        assertThat(Files.readString(log)).contains("resuming");
    }

    /** Kills the service (SIGKILL) once the sandbox has stored each number of PUTs, then lets it finish every file. */
    private void killThenFinish(Path serviceConfig, Path log, int allPuts, int... stopAts) throws Exception {
        for (int stopAt : stopAts) {
            try (ServiceProcess service = ServiceProcess.start(serviceConfig, log, environment())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> totalPuts() >= stopAt || !service.isAlive());
                service.kill();
            }
        }
        assertThat(totalPuts()).as("killed mid-batch").isLessThan(allPuts);

        try (ServiceProcess service = ServiceProcess.start(serviceConfig, log, environment())) {
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(done.resolve("batch-2.ndjson.result.json")));
            assertThat(service.terminate(30)).as("SIGTERM exit code").isZero();
        }
    }

    @Test
    void sigtermFinishesInFlightChangesAndLeavesTheRestInTheInbox() throws Exception {
        sandbox.setLatency(Duration.ofMillis(100));
        Path log = root.resolve("term.log");
        try (ServiceProcess service = ServiceProcess.start(config, log, environment())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> totalPuts() >= 20);
            assertThat(service.terminate(40)).isZero();
        }
        int putsAtStop = totalPuts();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> totalPuts() == putsAtStop);
        assertThat(totalPuts()).as("nothing sent after exit").isEqualTo(putsAtStop);
        assertThat(inbox.resolve("batch-0.ndjson")).as("unfinished file stays in the inbox").exists();
        assertThat(Files.readString(log)).contains("stopping");

        sandbox.setLatency(Duration.ZERO);
        try (ServiceProcess service = ServiceProcess.start(config, log, environment(), "--once")) {
            assertThat(service.awaitExit(120)).isZero();
        }
        assertInvariant();
    }

    @Test
    void killedWhileDeadLetteringEveryFailingChangeHasExactlyOneDeadLetter() throws Exception {
        try (Stream<Path> batch = Files.list(inbox)) {
            for (Path file : batch.toList()) {
                Files.delete(file);
            }
        }
        String unknown = "11111111-2222-3333-4444-555555555555";
        Map<String, String> lastCompany = new HashMap<>();
        Set<Integer> failing = new HashSet<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String customer = customers.get(i % CUSTOMERS);
            String company = "D-C" + String.format("%03d", i);
            String field = "companyName";
            if (i % 3 == 0) {
                failing.add(i);
                customer = unknown; // 404 after one GET
            } else if (i % 7 == 0) {
                failing.add(i);
                field = "companyNmae"; // an unknown field: invalid before any request
            } else {
                lastCompany.put(customer, company);
            }
            lines.append("{\"customerId\":\"").append(customer).append("\",\"changeId\":\"").append(i)
                    .append("\",\"changes\":{\"").append(field).append("\":\"").append(company).append("\"}}\n");
        }
        Files.writeString(inbox.resolve("dead.ndjson"), lines);
        Path log = root.resolve("dead.log");
        for (int stopAt : new int[] {10, 40, 70}) {
            try (ServiceProcess service = ServiceProcess.start(config, log, environment())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters().size() >= stopAt || !service.isAlive());
                service.kill();
            }
        }
        try (ServiceProcess service = ServiceProcess.start(config, log, environment(), "--once")) {
            assertThat(service.awaitExit(120)).isEqualTo(1);
        }

        JsonNode result = JSON.readTree(done.resolve("dead.ndjson.result.json").toFile());
        List<Integer> indexes = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (JsonNode change : result.path("changes")) {
            int index = change.path("index").asInt();
            indexes.add(index);
            if (failing.contains(index)) {
                assertThat(change.path("outcome").asText()).as("change " + index).isEqualTo("dead-lettered");
                named.add(change.path("deadLetterFile").asText());
            } else {
                assertThat(change.path("outcome").asText()).as("change " + index).isIn("applied", "unchanged");
            }
        }
        assertThat(indexes).as("every change exactly once").hasSize(300).doesNotHaveDuplicates();
        assertThat(deadLetters()).as("one dead letter per dead-lettered change, each with its error record, nothing else")
                .containsExactlyInAnyOrderElementsOf(named.stream().flatMap(n -> Stream.of(n, n + ".error.json")).toList())
                .hasSize(2 * failing.size());
        lastCompany.forEach((customer, company) ->
                assertThat(sandbox.profile(customer).path("companyName").asText()).as(customer).isEqualTo(company));
        assertOnlyTheHistoryIsLeftInTheWorkFolder();
    }

    /** Everything in the dead-letter folder but hidden temporary files. */
    private List<String> deadLetters() throws IOException {
        if (!Files.isDirectory(deadLetter)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(deadLetter)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }

    private void assertOnlyTheHistoryIsLeftInTheWorkFolder() throws IOException {
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no orphans in the work folder, only the leader lock and the history")
                    .containsExactlyInAnyOrder(".leader", ChangeHistory.FILE_NAME, ChangeHistory.WITNESS_NAME);
        }
    }

    /**
     * Every change once, in sequence order: the sequences grow with the files' processing order and the position in
     * each file, whatever the kills; the history names, per customer, the last change as the writer of its field.
     */
    private void assertSequenceOrderAndHistory() throws IOException {
        long previous = 0;
        for (Map.Entry<String, Integer> file : files.entrySet()) {
            JsonNode result = JSON.readTree(done.resolve(file.getKey() + ".result.json").toFile());
            for (JsonNode change : result.path("changes")) {
                long sequence = change.path("order").path("sequence").asLong();
                assertThat(sequence).as(file.getKey() + " #" + change.path("index")).isGreaterThan(previous);
                previous = sequence;
            }
        }
        try (ChangeHistory history = ChangeHistory.open(work, done)) {
            for (String customer : customers) {
                if (expected.containsKey(customer)) {
                    assertThat(history.fieldsOf(customer).get("companyname").changeId()).as(customer)
                            .isEqualTo(expected.get(customer));
                }
            }
        }
    }

    private void assertInvariant() throws IOException {
        assertSequenceOrderAndHistory();
        for (Map.Entry<String, Integer> file : files.entrySet()) {
            JsonNode result = JSON.readTree(done.resolve(file.getKey() + ".result.json").toFile());
            List<Integer> indexes = new ArrayList<>();
            for (JsonNode change : result.path("changes")) {
                indexes.add(change.path("index").asInt());
                assertThat(change.path("outcome").asText()).isIn("applied", "unchanged");
            }
            assertThat(indexes).as("every change of " + file.getKey() + " exactly once")
                    .hasSize(file.getValue()).doesNotHaveDuplicates();
            assertThat(done.resolve(file.getKey())).exists();
            assertThat(inbox.resolve(file.getKey())).doesNotExist();
        }
        for (String customer : customers) {
            if (expected.containsKey(customer)) {
                assertThat(sandbox.profile(customer).path("companyName").asText()).as(customer).isEqualTo(expected.get(customer));
            }
        }
        // per customer, the values written only ever move forward in input order
        Map<String, List<String>> written = new HashMap<>();
        for (RecordedRequest r : sandbox.requests()) {
            if (r.method().equals("PUT")) {
                String customer = r.path().split("/")[3];
                written.computeIfAbsent(customer, k -> new ArrayList<>()).add(JSON.readTree(r.body()).path("companyName").asText());
            }
        }
        written.forEach((customer, values) -> {
            List<String> forward = new ArrayList<>(values);
            forward.sort(String::compareTo);
            assertThat(values).as("PUT order for " + customer).isEqualTo(forward);
        });
        assertOnlyTheHistoryIsLeftInTheWorkFolder();
        assertThat(Files.exists(deadLetter) ? Files.list(deadLetter).count() : 0).isZero();
    }
}
