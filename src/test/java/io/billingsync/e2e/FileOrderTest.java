package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.batch.RunSummary;
import io.billingsync.testkit.SandboxExtension.Customers;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Order across files when a file cannot be completed at once (credentials refused, then accepted again), and
 * content that arrives in a file after it was picked up (lines appended, a new file renamed over the name).
 */
@ExtendWith(SyncServiceExtension.class)
class FileOrderTest {
    static final String UNAUTHORIZED = "{\"code\": 401, \"description\": \"Unauthorized.\", \"data\": [], \"source\": \"PartnerFD\"}";

    SyncHarness harness;
    SettledChanges changes = new SettledChanges();
    @Customers(2)
    List<String> customers;

    /** These tests follow each change's own PUT (which email was written when): one write per change. */
    private static final Map<String, String> ONE_WRITE_PER_CHANGE = Map.of("sync.coalesce.max-changes", "1");

    @Test
    void aHaltedFileHoldsBackTheLaterFilesOfTheSamePoll() throws Exception {
        String customer = customers.get(0);
        harness.sandbox.faults().answerNext(customer, 401, UNAUTHORIZED, 1);
        harness.drop("a.json", "[" + changes.change("a0", customer, "old@contoso.com") + "]");
        harness.drop("b.json", "[" + changes.change("b0", customer, "new@contoso.com") + "]");

        harness.start(ONE_WRITE_PER_CHANGE);

        harness.awaitResult("a.json", Duration.ofSeconds(20));
        harness.awaitResult("b.json", Duration.ofSeconds(20));
        assertThat(SettledChanges.putEmails(harness, customer)).containsExactly("old@contoso.com", "new@contoso.com");
        changes.assertHolds(harness);
    }

    @Test
    void aHaltedOnceRunStartsNoLaterFileAndTheNextRunKeepsTheOrder() throws Exception {
        String customer = customers.get(0);
        harness.sandbox.faults().answerNext(customer, 401, UNAUTHORIZED, 1);
        harness.drop("a.json", "[" + changes.change("a0", customer, "old@contoso.com") + "]");
        harness.drop("b.json", "[" + changes.change("b0", customer, "new@contoso.com") + "]");
        harness.drop("c.json", "[" + changes.change("c0", customers.get(1), "other@contoso.com") + "]");

        RunSummary halted = harness.runOnce(ONE_WRITE_PER_CHANGE);

        assertThat(halted.exitCode()).isEqualTo(3);
        assertThat(SettledChanges.changeFilesIn(harness.inbox)).containsExactly("a.json", "b.json", "c.json");
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));

        RunSummary next = harness.runOnce(ONE_WRITE_PER_CHANGE);

        assertThat(next.exitCode()).isZero();
        assertThat(SettledChanges.putEmails(harness, customer)).containsExactly("old@contoso.com", "new@contoso.com");
        changes.assertHolds(harness);
    }

    @Test
    void aFileRenamedOverAFileInProgressIsProcessedAsANewFileAfterIt() throws Exception {
        String customer = customers.get(0);
        startSlowFile("a.ndjson", customer, "old");

        harness.drop("a.ndjson", changes.lines(changes.change("new0", customer, "new0@contoso.com"),
                changes.change("new1", customer, "new1@contoso.com")));
        harness.drop("b.ndjson", changes.lines(changes.change("b0", customer, "b0@contoso.com")));

        await().atMost(Duration.ofSeconds(30)).until(() -> SettledChanges.records(harness.done).size() == 3
                && SettledChanges.changeFilesIn(harness.inbox).isEmpty());
        assertThat(SettledChanges.putEmails(harness, customer)).hasSize(11)
                .endsWith("new0@contoso.com", "new1@contoso.com", "b0@contoso.com");
        changes.assertHolds(harness);
    }

    @Test
    void linesAppendedToAFileInProgressAreAppliedAndArchivedWithIt() throws Exception {
        String customer = customers.get(0);
        startSlowFile("a.ndjson", customer, "first");

        Files.writeString(harness.inbox.resolve("a.ndjson"), changes.lines(
                changes.change("more0", customer, "more0@contoso.com"),
                changes.change("more1", customer, "more1@contoso.com")), StandardOpenOption.APPEND);

        await().atMost(Duration.ofSeconds(30)).until(() -> !SettledChanges.records(harness.done).isEmpty()
                && SettledChanges.changeFilesIn(harness.inbox).isEmpty());
        assertThat(SettledChanges.records(harness.done)).hasSize(1);
        assertThat(SettledChanges.putEmails(harness, customer)).hasSize(10).endsWith("more0@contoso.com", "more1@contoso.com");
        changes.assertHolds(harness);
    }

    /** Drops eight changes for one customer, slowed down by the sandbox, and waits until the first is applied. */
    private void startSlowFile(String name, String customer, String prefix) throws Exception {
        harness.sandbox.setLatency(Duration.ofMillis(100));
        String[] lines = new String[8];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = changes.change(prefix + i, customer, prefix + i + "@contoso.com");
        }
        harness.drop(name, changes.lines(lines));
        harness.start(ONE_WRITE_PER_CHANGE);
        await().atMost(Duration.ofSeconds(20)).until(() -> !SettledChanges.putEmails(harness, customer).isEmpty());
    }

    @Test
    void aHaltThenAFileRenamedOverTheHaltedFileThenALaterFile() throws Exception {
        String customer = customers.get(0);
        harness.sandbox.faults().refuseCredentials(true);
        // replaced before it could be processed: never applied, never recorded
        harness.drop("a.ndjson", new SettledChanges().change("a0", customer, "a0@contoso.com") + "\n");
        harness.start(ONE_WRITE_PER_CHANGE);
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.sandbox.requests().size() >= 2);

        String a1 = changes.change("a1", customer, "a1@contoso.com");
        harness.drop("b.ndjson", changes.lines(changes.change("b0", customer, "b0@contoso.com")));
        harness.drop("a.ndjson", changes.lines(a1));
        harness.sandbox.faults().refuseCredentials(false);

        harness.awaitResult("b.ndjson", Duration.ofSeconds(30));
        assertThat(SettledChanges.putEmails(harness, customer)).containsExactly("a1@contoso.com", "b0@contoso.com");
        changes.assertHolds(harness);
    }
}
