package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SyncInvariants;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whatever a change file is called, it is processed or dead-lettered once, and nothing else waits for it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a run that loops on a file never ends: fail instead of hanging
@ExtendWith(SyncServiceExtension.class)
class InboxFileNamesTest {
    static final int MAX_NAME_BYTES = 255;

    SyncHarness harness;
    @Customers(4)
    List<String> customers;

    private String change(int customer, String email) {
        return "{\"customerId\":\"" + customers.get(customer) + "\",\"changes\":{\"email\":\"" + email + "\"}}";
    }

    @Test
    void aNameThatIsNotUtf8IsDeadLetteredWholeOnceUnderASafeNameAndTheRestGoesOn() throws Exception {
        Files.createDirectories(harness.inbox);
        // as an SMB share without iocharset=utf8 delivers a Latin-1 "café.json": the byte 0xE9 alone
        Process writer = new ProcessBuilder("sh", "-c", "printf '%s' \"$1\" > \"$2/$(printf 'caf\\351.json')\"", "sh",
                change(0, "latin1@contoso.com"), harness.inbox.toString()).start();
        assertThat(writer.waitFor(10, TimeUnit.SECONDS) && writer.exitValue() == 0).as("file written").isTrue();
        harness.drop("later.json", change(1, "later@contoso.com"));

        RunSummary summary = harness.runOnce(Map.of());

        assertThat(harness.sandbox.profile(customers.get(1)).path("email").asText()).isEqualTo("later@contoso.com");
        assertThat(entries(harness.inbox)).as("inbox").isEmpty();
        Path moved = harness.deadLetter.resolve("caf%E9.json");
        assertThat(moved).hasContent(change(0, "latin1@contoso.com"));
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("caf%E9.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("invalid");
        assertThat(error.path("message").asText()).contains("not valid UTF-8", "63 61 66 E9 2E 6A 73 6F 6E", "replay caf%E9.json");
        assertThat(harness.sandbox.putCount(customers.get(0))).as("nothing sent from the unnamed file").isZero();
        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.render()).contains("caf%E9.json");
    }

    @Test
    void namesUpTo255BytesAreProcessedOnceAndEveryDerivedNameFits() throws Exception {
        String n215 = "a".repeat(210) + ".json";
        String n250 = "b".repeat(245) + ".json";
        String n255 = "c".repeat(246) + "éé" + ".json";
        assertThat(List.of(n215, n250, n255)).extracting(InboxFileNamesTest::bytes).containsExactly(215, 250, 255);
        // written in place (a temporary name beside them would itself be too long), before the service runs
        Files.createDirectories(harness.inbox);
        Files.writeString(harness.inbox.resolve(n215), change(0, "long215@contoso.com"));
        Files.writeString(harness.inbox.resolve(n250), "[{\"customerId\":\"not-a-guid\",\"changes\":{}}," + change(1, "long250@contoso.com") + "]");
        Files.writeString(harness.inbox.resolve(n255), change(2, "long255@contoso.com"));

        RunSummary first = harness.runOnce(Map.of());
        Files.writeString(harness.inbox.resolve(n255), change(2, "again255@contoso.com"));
        RunSummary second = harness.runOnce(Map.of());

        assertThat(entries(harness.inbox)).as("inbox").isEmpty();
        assertThat(first.exitCode()).as(first.render()).isEqualTo(1); // the invalid change of the 250-byte file
        assertThat(second.exitCode()).as(second.render()).isZero();
        Map<String, JsonNode> results = resultRecords();
        assertThat(results).hasSize(4);
        for (JsonNode result : results.values()) {
            assertThat(harness.done.resolve(result.path("file").asText())).as("archived beside its record").exists();
        }
        assertThat(results.values()).extracting(r -> r.path("file").asText()).contains(n215, n250, n255);
        assertThat(results.values()).extracting(r -> r.path("summary").path("applied").asInt()).containsOnly(1);
        assertThat(List.of(0, 1, 2)).extracting(i -> harness.sandbox.putCount(customers.get(i))).as("PUTs").containsExactly(1, 1, 2);
        assertThat(harness.sandbox.profile(customers.get(2)).path("email").asText()).isEqualTo("again255@contoso.com");
        List<Path> deadLetters = entries(harness.deadLetter);
        assertThat(deadLetters).hasSize(2);
        JsonNode error = SyncHarness.readJson(deadLetters.stream().filter(p -> p.toString().endsWith(".error.json")).findFirst().orElseThrow());
        assertThat(error.path("sourceFile").asText()).isEqualTo(n250);
        assertThat(error.path("message").asText()).contains("not-a-guid");
        for (Path dir : List.of(harness.done, harness.deadLetter)) {
            assertThat(entries(dir)).allSatisfy(p -> assertThat(bytes(p.getFileName().toString())).isLessThanOrEqualTo(MAX_NAME_BYTES));
        }
        SyncInvariants.assertNoJournalLeft(harness.folders);
    }

    @Test
    void aFileWhoseJournalCannotBeWrittenStaysAndHoldsBackLaterFilesUntilTheObstacleIsGone() throws Exception {
        // its journal cannot be created: a folder of that name stands in the way (an I/O problem, not the file's)
        Path obstacle = harness.work.resolve("blocked.json.journal");
        Files.createDirectories(obstacle.resolve("in-the-way"));
        harness.drop("blocked.json", change(0, "blocked@contoso.com"));
        harness.drop("next.json", change(0, "next@contoso.com"));

        RunSummary held = harness.runOnce(Map.of());

        assertThat(held.exitCode()).isEqualTo(4);
        assertThat(held.failures()).singleElement().asString().contains("blocked.json", "journal");
        assertThat(harness.inbox.resolve("blocked.json")).hasContent(change(0, "blocked@contoso.com"));
        assertThat(harness.inbox.resolve("next.json")).as("a later file waits").exists();
        assertThat(harness.sandbox.putCount(customers.get(0))).isZero();
        assertThat(entries(harness.deadLetter)).isEmpty();

        Files.delete(obstacle.resolve("in-the-way"));
        Files.delete(obstacle);
        RunSummary next = harness.runOnce(Map.of());

        assertThat(next.exitCode()).isZero();
        assertThat(harness.sandbox.putCount(customers.get(0))).isEqualTo(2);
        assertThat(harness.sandbox.profile(customers.get(0)).path("email").asText()).as("applied in order")
                .isEqualTo("next@contoso.com");
        assertThat(entries(harness.inbox)).isEmpty();
    }

    private Map<String, JsonNode> resultRecords() throws Exception {
        Map<String, JsonNode> records = new HashMap<>();
        for (Path p : entries(harness.done)) {
            if (p.getFileName().toString().endsWith(".result.json")) {
                records.put(p.getFileName().toString(), SyncHarness.readJson(p));
            }
        }
        return records;
    }

    /** Every entry of a folder, whatever its name's bytes (a directory stream keeps them). */
    static List<Path> entries(Path dir) throws Exception {
        List<Path> entries = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(entries::add);
            }
        }
        return entries;
    }

    static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
