package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.history.ChangeHistory;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.testkit.ChangeLog;
import io.billingsync.testkit.ExpectedChange;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SandboxExtension.Root;
import io.billingsync.testkit.SyncFolders;
import io.billingsync.testkit.SyncInvariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real jar as its own process, killed with SIGKILL mid-batch several times and started again, then stopped
 * with SIGTERM: every change of every file ends exactly once as applied, unchanged or dead-lettered, and the
 * sandbox ends in the state of applying every change once, in order.
 */
@ExtendWith(SandboxExtension.class)
class KillAndRestartIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int FILES = 3;
    static final int CHANGES_PER_FILE = 150;
    static final int CUSTOMERS = 30;

    @Root
    Path root;
    SyncFolders folders;
    PartnerCenterSandbox sandbox;
    @Customers(CUSTOMERS)
    List<String> customers;
    Path config;
    /** The changes of the files in the inbox, in the order they must be applied. */
    ChangeLog changes = new ChangeLog();

    @BeforeEach
    void setUp() throws IOException {
        sandbox.setLatency(Duration.ofMillis(20));
        Files.createDirectories(folders.inbox());
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
            String name = "batch-" + f + ".ndjson";
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < CHANGES_PER_FILE; i++) {
                String company = "F" + f + "-C" + String.format("%03d", i);
                lines.append(changes.add(name, ExpectedChange.set(customers.get((i * 7 + f) % CUSTOMERS), company, "companyName", company)));
            }
            Files.writeString(folders.inbox().resolve(name), lines);
        }
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
        for (String file : changes.files()) {
            Map<Integer, JsonNode> byIndex = new HashMap<>();
            JSON.readTree(folders.done().resolve(file + ".result.json").toFile()).path("changes")
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
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(folders.done().resolve("batch-2.ndjson.result.json")));
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
        assertThat(folders.inbox().resolve("batch-0.ndjson")).as("unfinished file stays in the inbox").exists();
        assertThat(Files.readString(log)).contains("stopping");

        sandbox.setLatency(Duration.ZERO);
        try (ServiceProcess service = ServiceProcess.start(config, log, environment(), "--once")) {
            assertThat(service.awaitExit(120)).isZero();
        }
        assertInvariant();
    }

    @Test
    void killedWhileDeadLetteringEveryFailingChangeHasExactlyOneDeadLetter() throws Exception {
        try (Stream<Path> batch = Files.list(folders.inbox())) {
            for (Path file : batch.toList()) {
                Files.delete(file);
            }
        }
        changes = new ChangeLog();
        String unknown = "11111111-2222-3333-4444-555555555555";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String customer = customers.get(i % CUSTOMERS);
            String company = "D-C" + String.format("%03d", i);
            ExpectedChange change;
            if (i % 3 == 0) {
                change = ExpectedChange.failing(unknown, String.valueOf(i), "companyName", company); // 404 after one GET
            } else if (i % 7 == 0) {
                change = ExpectedChange.failing(customer, String.valueOf(i), "companyNmae", company); // an unknown field: invalid before any request
            } else {
                change = ExpectedChange.set(customer, String.valueOf(i), "companyName", company);
            }
            lines.append(changes.add("dead.ndjson", change));
        }
        Files.writeString(folders.inbox().resolve("dead.ndjson"), lines);
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

        SyncInvariants.assertSettledOnce(folders, "dead.ndjson", changes.of("dead.ndjson"));
        SyncInvariants.assertDeadLettersAreThoseRecorded(folders, "dead.ndjson");
        SyncInvariants.assertSandboxHolds(sandbox, changes.all());
        SyncInvariants.assertNoJournalLeft(folders);
    }

    /** Everything in the dead-letter folder but hidden temporary files. */
    private List<String> deadLetters() {
        return SyncFolders.names(folders.deadLetter()).stream().filter(n -> !n.startsWith(".")).toList();
    }

    /**
     * Every change once, in sequence order: the sequences grow with the files' processing order and the position in
     * each file, whatever the kills; the history names, per customer, the last change as the writer of its field.
     */
    private void assertSequenceOrderAndHistory() throws IOException {
        long previous = 0;
        for (String file : changes.files()) {
            JsonNode result = JSON.readTree(folders.done().resolve(file + ".result.json").toFile());
            for (JsonNode change : result.path("changes")) {
                long sequence = change.path("order").path("sequence").asLong();
                assertThat(sequence).as(file + " #" + change.path("index")).isGreaterThan(previous);
                previous = sequence;
            }
        }
        Map<String, String> lastChange = new HashMap<>();
        changes.all().stream().filter(ExpectedChange::applicable).forEach(change -> lastChange.put(change.customer(), change.changeId()));
        try (ChangeHistory history = ChangeHistory.open(folders.work(), folders.done())) {
            for (Map.Entry<String, String> last : lastChange.entrySet()) {
                assertThat(history.fieldsOf(last.getKey()).get("companyname").changeId()).as(last.getKey()).isEqualTo(last.getValue());
            }
        }
    }

    /**
     * Every change of every file settled once, Partner Center in the state of applying them once, in order, the
     * values PUT per customer only moving forward; no journal, no dead letter.
     */
    private void assertInvariant() throws IOException {
        assertSequenceOrderAndHistory();
        for (String file : changes.files()) {
            SyncInvariants.assertSettledOnce(folders, file, changes.of(file));
        }
        SyncInvariants.assertSandboxHolds(sandbox, changes.all());
        SyncInvariants.assertPutsMoveForward(sandbox.requests(), "companyName", changes.all());
        SyncInvariants.assertNoJournalLeft(folders);
        SyncInvariants.assertNoDeadLetters(folders);
    }
}
