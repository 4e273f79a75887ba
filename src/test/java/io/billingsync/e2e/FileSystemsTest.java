package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SandboxExtension.Root;
import io.billingsync.testkit.SyncInvariants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Folders on file systems of their own (tmpfs mounts made by the test): the inbox on one, done/ and the
 * dead-letter folder on another, and a folder that fills up mid-file.
 */
@ExtendWith(SyncServiceExtension.class)
class FileSystemsTest {
    static final Duration RUN_LIMIT = Duration.ofSeconds(120);

    @Root
    Path root;
    SyncHarness harness;
    @Customers(4)
    List<String> customers;

    /** Each customer's company name stepped forward in order, with a few changes that must be dead-lettered. */
    private ChangeScript script(int changes) {
        ChangeScript script = new ChangeScript();
        for (int i = 0; i < changes; i++) {
            String customer = customers.get(i % customers.size());
            if (i % 13 == 3) {
                script.failing(ChangeScript.UNKNOWN_CUSTOMER, "companyName", "U" + i);
            } else if (i % 13 == 9) {
                script.failing(customer, "companyNmae", "T" + i);
            } else {
                script.set(customer, "companyName", String.format("N%04d", i));
            }
        }
        return script;
    }

    private long puts() {
        return putValues().size();
    }

    /** The company names sent, one per PUT: each change's value is its own, so a repeat is a change sent twice. */
    private List<String> putValues() {
        return SyncInvariants.putValues(harness.sandbox.requests(), "companyName");
    }

    private static long count(JsonNode result, String outcome) {
        long n = 0;
        for (JsonNode change : result.path("changes")) {
            n += change.path("outcome").asText().equals(outcome) ? 1 : 0;
        }
        return n;
    }

    /** The PUTs are counted per change applied: each change its own write. */
    private static final Map<String, String> ONE_WRITE_PER_CHANGE = Map.of("sync.coalesce.max-changes", "1");

    @Test
    void filesAreArchivedDeadLetteredAndReplayedAcrossFileSystems() throws Exception {
        try (Tmpfs doneFs = Tmpfs.mount(harness.done, "16m"); Tmpfs deadLetterFs = Tmpfs.mount(harness.deadLetter, "16m")) {
            ChangeScript script = script(300);
            harness.drop("erp.ndjson", script.ndjson());
            harness.drop("erp-broken.json", "[ {\"customerId\": ");

            RunSummary summary = harness.runOnceEnding(ONE_WRITE_PER_CHANGE, RUN_LIMIT);

            assertThat(summary.exitCode()).isEqualTo(1);
            JsonNode result = script.assertSettledOnce(harness.folders, "erp.ndjson");
            assertThat(harness.done.resolve("erp.ndjson")).hasContent(script.ndjson());
            assertThat(harness.deadLetter.resolve("erp-broken.json")).hasContent("[ {\"customerId\": ");
            assertThat(harness.deadLetter.resolve("erp-broken.json.error.json")).exists();
            assertThat(harness.inbox).isEmptyDirectory();
            assertThat(puts()).isEqualTo(count(result, "applied"));
            script.assertSandboxMatches(harness.sandbox);

            // a fixed dead letter goes back to the inbox, on the other file system, and is applied
            String typo = "erp.9.json";
            Files.writeString(harness.deadLetter.resolve(typo), "{\"customerId\":\"" + customers.get(1)
                    + "\",\"changeId\":\"CH-9\",\"changes\":{\"companyName\":\"Fixed\"}}");
            new DeadLetterFolder(harness.deadLetter).replay(harness.inbox, List.of(typo));
            assertThat(harness.deadLetter.resolve(typo)).doesNotExist();
            assertThat(harness.deadLetter.resolve("replayed").resolve(typo + ".error.json")).exists();
            RunSummary replayed = harness.runOnceEnding(Map.of(), RUN_LIMIT);

            assertThat(replayed.exitCode()).isZero();
            assertThat(harness.done.resolve(typo + ".result.json")).exists();
            assertThat(harness.sandbox.profile(customers.get(1)).path("companyName").asText()).isEqualTo("Fixed");
            assertThat(harness.inbox).isEmptyDirectory();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"done", "dead-letter", "work"})
    void aFullDiskHaltsTheFileWithNothingLostAndTheNextRunSettlesEveryChangeOnce(String folder) throws Exception {
        try (Tmpfs small = Tmpfs.mount(root.resolve(folder), "1m")) {
            small.fillLeaving(Tmpfs.PAGE);
            ChangeScript script = script(60);
            harness.drop("full.ndjson", script.ndjson());

            RunSummary halted = harness.runOnceEnding(ONE_WRITE_PER_CHANGE, RUN_LIMIT);

            assertThat(halted.exitCode()).as("a file that cannot be completed for a reason outside it").isEqualTo(4);
            assertThat(halted.failures()).singleElement().asString().contains("full.ndjson", "No space left on device");
            assertThat(harness.inbox.resolve("full.ndjson")).hasContent(script.ndjson());
            assertThat(ChangeScript.list(harness.done)).noneMatch(n -> n.startsWith("full"));

            small.free();
            RunSummary next = harness.runOnceEnding(ONE_WRITE_PER_CHANGE, RUN_LIMIT);

            assertThat(next.exitCode()).isEqualTo(1);
            assertThat(next.halts()).isEmpty();
            assertThat(next.failures()).isEmpty();
            JsonNode result = script.assertSettledOnce(harness.folders, "full.ndjson");
            assertThat(new DeadLetterFolder(harness.deadLetter).list()).as("one dead letter per dead-lettered change")
                    .hasSize((int) count(result, "dead-lettered"));
            // a change sent before the journal could note it is found unchanged on the next run, not sent again
            assertThat(putValues()).as("no change sent twice").doesNotHaveDuplicates()
                    .hasSizeGreaterThanOrEqualTo((int) count(result, "applied"));
            script.assertSandboxMatches(harness.sandbox);
            for (Path dir : List.of(harness.done, harness.deadLetter, harness.work)) {
                assertThat(ChangeScript.list(dir)).as("left in " + dir).noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".journal"));
            }
            assertThat(harness.inbox).isEmptyDirectory();
        }
    }
}
