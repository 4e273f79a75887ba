package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.cluster.Leadership;
import io.billingsync.service.SyncService;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SandboxExtension.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An instance that loses the leader lock in the middle of a file sends no further PUT and writes no further
 * journal line or dead letter: its in-flight changes stop unsettled, the file stays in the inbox for the new leader.
 */
@ExtendWith(SyncServiceExtension.class)
class LeadershipFencingTest {
    static final int CHANGES = 40;
    static final int CONCURRENCY = 2;
    static final int INVALID_ENTRIES = 20_000;

    @Root
    Path root;
    SyncHarness harness;
    @Customers(CHANGES)
    List<String> customers;

    @Test
    void aLeaderThatLostTheLockStopsWritingMidFile() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < CHANGES; i++) {
            lines.append("{\"customerId\":\"").append(customers.get(i)).append("\",\"changes\":{\"companyName\":\"Fenced ")
                    .append(i).append("\"}}\n");
        }
        harness.sandbox.setLatency(Duration.ofMillis(100));
        SyncService service = harness.start(Map.of("sync.concurrency", String.valueOf(CONCURRENCY)));
        harness.drop("fenced.ndjson", lines.toString());
        Path journal = harness.work.resolve("fenced.ndjson.journal");
        await().atMost(Duration.ofSeconds(30)).until(() -> totalPuts() >= 5);

        // the lock is gone (as when a lease expires): the view stops holding it without any event reaching the routes
        service.camel().hasService(FileLockClusterService.class).getView(Leadership.NAMESPACE).stop();
        int putsAtLoss = totalPuts();
        long journalLinesAtLoss = lines(journal);

        // changes past their leadership check when the lock went may still finish: at most one per lane
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> totalPuts() <= putsAtLoss + CONCURRENCY && lines(journal) <= journalLinesAtLoss + CONCURRENCY);
        assertThat(totalPuts()).as("PUTs after the lock was lost").isLessThan(CHANGES);
        assertThat(harness.inbox.resolve("fenced.ndjson")).as("the file stays for the new leader").exists();
        assertThat(ChangeScript.list(harness.deadLetter)).as("nothing dead-lettered").isEmpty();
        assertThat(ChangeScript.list(harness.done)).as("nothing archived").isEmpty();
    }

    @Test
    void aLeaderThatLostTheLockWritesNoJournalLineForAnInvalidEntry() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < INVALID_ENTRIES; i++) {
            lines.append("{\"customerId\":\"not-a-guid-").append(i).append("\",\"changes\":{\"companyName\":\"X\"}}\n");
        }
        SyncService service = harness.start(Map.of());
        harness.drop("invalid.ndjson", lines.toString());
        Path journal = harness.work.resolve("invalid.ndjson.journal");
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(journal) >= 20);

        service.camel().hasService(FileLockClusterService.class).getView(Leadership.NAMESPACE).stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> !service.leadership().isLeading());
        long journalLinesAtLoss = lines(journal);

        // invalid entries are settled one at a time, without a request: at most the one being settled may finish
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> lines(journal) <= journalLinesAtLoss + 1);
        assertThat(harness.inbox.resolve("invalid.ndjson")).as("the file stays for the new leader").exists();
        assertThat(ChangeScript.list(harness.done)).as("nothing archived").isEmpty();
    }

    @Test
    void aTimerTickOnAnInstanceThatLostTheLockSendsNoRequest() throws Exception {
        String customer = customers.get(0);
        Path desired = Files.writeString(root.resolve("desired.json"), "[{\"customerId\":\"" + customer
                + "\",\"changes\":{\"companyName\":\"" + harness.sandbox.profile(customer).path("companyName").asText() + "\"}}]");
        // every tick reads the customer (no drift-check interval), so a tick shows as a request
        SyncService service = harness.start(Map.of("sync.desired-state.file", desired.toString(),
                "sync.desired-state.period", "200ms", "sync.desired-state.drift-check-interval", "0s"));
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.sandbox.requests().size() >= 2);

        // the timer's consumer keeps running when no event reaches it, as after a leadership lost while starting
        service.camel().hasService(FileLockClusterService.class).getView(Leadership.NAMESPACE).stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> !service.leadership().isLeading());
        int requestsAtLoss = harness.sandbox.requests().size();

        // a tick already past its check may finish its one GET
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> harness.sandbox.requests().size() <= requestsAtLoss + 1);
    }

    private int totalPuts() {
        return customers.stream().mapToInt(harness.sandbox::putCount).sum();
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
