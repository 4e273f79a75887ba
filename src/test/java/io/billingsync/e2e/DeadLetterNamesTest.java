package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every dead letter has a name of its own: a file dropped again never overwrites an earlier dead letter or its reason. */
class DeadLetterNamesTest extends OneCustomerSyncTest {
    /** The same file dropped again: with the history on its applied change would be a duplicate (ChangeHistoryTest). */
    static final Map<String, String> WITHOUT_HISTORY = Map.of("sync.history", "false");

    @Test
    void theSameFailingChangeDroppedTwiceGetsTwoDeadLettersEachWithItsOwnReason() throws Exception {
        ChangeScript script = new ChangeScript()
                .set(customer, "email", "first@contoso.com")
                .failing(ChangeScript.UNKNOWN_CUSTOMER, "email", "x@contoso.com")
                .failing(customer, "emial", "typo@contoso.com");
        harness.drop("r.ndjson", script.ndjson());
        harness.runOnce(WITHOUT_HISTORY);
        Map<Path, byte[]> firstRun = contents(harness.deadLetter);
        assertThat(firstRun).hasSize(4);

        harness.drop("r.ndjson", script.ndjson());
        harness.runOnce(WITHOUT_HISTORY);

        assertThat(ChangeScript.list(harness.done)).containsExactly(
                "r-2.ndjson", "r-2.ndjson.result.json", "r.ndjson", "r.ndjson.result.json");
        JsonNode first = script.assertRecord(harness.folders, "r.ndjson");
        JsonNode second = script.assertRecord(harness.folders, "r-2.ndjson");
        List<String> named = new ArrayList<>(deadLetterFiles(first));
        named.addAll(deadLetterFiles(second));
        assertThat(named).as("one dead letter per dead-lettered change").hasSize(4).doesNotHaveDuplicates();
        firstRun.forEach((file, bytes) -> assertThat(file).as("kept as it was").hasBinaryContent(bytes));
        assertThat(contents(harness.deadLetter)).hasSize(8);
        for (String file : deadLetterFiles(second)) {
            assertThat(SyncHarness.readJson(harness.deadLetter.resolve(file + ".error.json")).path("sourceFile").asText())
                    .isEqualTo("r.ndjson");
        }
        script.assertSandboxMatches(harness.sandbox);
    }

    @Test
    void aFileDeadLetteredWholeTwiceKeepsBothCopiesAndBothReasons() throws Exception {
        harness.drop("broken.json", "[ {\"customerId\": \"" + customer + "\"} \n {");
        harness.runOnce(Map.of());
        Map<Path, byte[]> firstRun = contents(harness.deadLetter);
        assertThat(firstRun).containsOnlyKeys(harness.deadLetter.resolve("broken.json"),
                harness.deadLetter.resolve("broken.json.error.json"));

        harness.drop("broken.json", "[ {\"customerId\": \"" + customer + "\"} \n {");
        harness.runOnce(Map.of());

        firstRun.forEach((file, bytes) -> assertThat(file).as("kept as it was").hasBinaryContent(bytes));
        assertThat(ChangeScript.list(harness.deadLetter)).containsExactly("broken-2.json", "broken-2.json.error.json",
                "broken.json", "broken.json.error.json");
        assertThat(harness.inbox).isEmptyDirectory();
        assertThat(harness.sandbox.requests()).isEmpty();
    }

    static List<String> deadLetterFiles(JsonNode result) {
        List<String> files = new ArrayList<>();
        result.path("changes").forEach(c -> {
            if (c.has("deadLetterFile")) {
                files.add(c.path("deadLetterFile").asText());
            }
        });
        return files;
    }

    static Map<Path, byte[]> contents(Path dir) throws Exception {
        Map<Path, byte[]> files = new HashMap<>();
        for (String name : ChangeScript.list(dir)) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }
}
