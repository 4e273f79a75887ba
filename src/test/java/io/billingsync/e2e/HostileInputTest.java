package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.testkit.SyncInvariants;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Whatever lands in the inbox, the service keeps running and nothing valid beside it is lost. */
class HostileInputTest extends OneCustomerSyncTest {
    private String change(String email) {
        return "{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"" + email + "\"}}";
    }

    private JsonNode error(String deadLetter) {
        return SyncHarness.readJson(harness.deadLetter.resolve(deadLetter + ".error.json"));
    }

    @Test
    void hostileFilesAreDeadLetteredOrSkippedAndTheServiceKeepsRunning() throws Exception {
        Files.createDirectories(harness.inbox);
        harness.drop("a-deep.json", "[".repeat(5000) + "]".repeat(5000));
        harness.drop("b-dup.json", "[" + change("first@contoso.com").replace("}}", "}, \"changes\": {}}") + "," + change("dup-ok@contoso.com") + "]");
        Path utf8 = harness.inbox.resolve("c-utf8.ndjson.tmp");
        try (OutputStream out = Files.newOutputStream(utf8)) {
            out.write(("{\"customerId\":\"" + customer + "\",\"changes\":{\"lastName\":\"").getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
            out.write("\"}}\n".getBytes(StandardCharsets.UTF_8));
            out.write((change("utf8-ok@contoso.com") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.move(utf8, harness.inbox.resolve("c-utf8.ndjson"));
        harness.drop("d-empty.json", "");
        Path outside = root.resolve("outside.json");
        Files.writeString(outside, change("symlink@contoso.com"));
        Files.createSymbolicLink(harness.inbox.resolve("e-link.json"), outside);
        Process mkfifo = new ProcessBuilder("mkfifo", harness.inbox.resolve("f-pipe.json").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        writeHugeLine(harness.inbox.resolve("g-huge.ndjson"), 100 << 20);
        harness.drop("h name with spaces ü.json", change("unicode@contoso.com"));

        harness.start(Map.of());
        harness.drop("z-last.json", change("last@contoso.com"));
        harness.awaitResult("z-last.json", Duration.ofSeconds(60));

        assertThat(error("a-deep.json").path("message").asText()).contains("a-deep.json", "line 1");
        assertThat(error("a-deep.json").path("category").asText()).isEqualTo("invalid");
        JsonNode dup = SyncHarness.readJson(harness.done.resolve("b-dup.json.result.json"));
        assertThat(dup.path("summary").path("deadLettered").asInt()).isEqualTo(1);
        assertThat(dup.path("summary").path("applied").asInt()).isEqualTo(1);
        assertThat(error("b-dup.0.json").path("message").asText()).contains("duplicate key \"changes\"");
        JsonNode utf = SyncHarness.readJson(harness.done.resolve("c-utf8.ndjson.result.json"));
        assertThat(utf.path("summary").path("applied").asInt()).isEqualTo(1);
        assertThat(error("c-utf8.0.json").path("message").asText()).contains("line 1");
        assertThat(error("d-empty.json").path("message").asText()).contains("empty");
        assertThat(harness.inbox.resolve("e-link.json")).as("symlink left alone").exists();
        assertThat(harness.inbox.resolve("f-pipe.json")).as("FIFO left alone").exists();
        JsonNode huge = SyncHarness.readJson(harness.done.resolve("g-huge.ndjson.result.json"));
        assertThat(huge.path("summary").path("deadLettered").asInt()).isEqualTo(1);
        assertThat(huge.path("summary").path("applied").asInt()).isEqualTo(1);
        assertThat(error("g-huge.0.json").path("message").asText()).contains("longer than");
        assertThat(harness.done.resolve("h name with spaces ü.json.result.json")).exists();
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("last@contoso.com");
        assertThat(harness.sandbox.requests()).noneMatch(r -> r.body().contains("symlink@contoso.com"));
    }

    @Test
    void aFileBeingWrittenSlowlyIsReadOnlyOnceComplete() throws Exception {
        List<String> customers = harness.sandbox.addCustomers(50);
        harness.start(Map.of("sync.inbox.quiet-period", "1s"));
        Path file = harness.inbox.resolve("slow.ndjson");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 50; i++) {
                String line = "{\"customerId\":\"" + customers.get(i) + "\",\"changes\":{\"companyName\":\"Slow " + i + "\"}}\n";
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                // half a line, a pause, the rest: a reader that does not wait would see a torn line
                out.write(Arrays.copyOfRange(bytes, 0, bytes.length / 2));
                out.flush();
                Thread.sleep(40);
                out.write(Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length));
                out.flush();
            }
        }
        JsonNode result = harness.awaitResult("slow.ndjson", Duration.ofSeconds(30));
        assertThat(result.path("summary").path("total").asInt()).isEqualTo(50);
        assertThat(result.path("summary").path("applied").asInt()).isEqualTo(50);
        // the inbox keeps being polled: the count must hold through later polls
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> customers.stream().mapToInt(harness.sandbox::putCount).sum() == 50);
        assertThat(customers.stream().mapToInt(harness.sandbox::putCount).sum()).as("processed once").isEqualTo(50);
        assertThat(harness.done.resolve("slow-2.ndjson.result.json")).doesNotExist();
    }

    @Test
    void aFileRemovedWhileBeingProcessedIsStillAppliedOnceAndTheServiceGoesOn() throws Exception {
        List<String> customers = harness.sandbox.addCustomers(30);
        StringBuilder lines = new StringBuilder();
        for (String id : customers) {
            lines.append("{\"customerId\":\"").append(id).append("\",\"changes\":{\"companyName\":\"Vanishing\"}}\n");
        }
        harness.sandbox.setLatency(Duration.ofMillis(40));
        harness.start(Map.of("sync.concurrency", "1"));
        Path file = harness.drop("vanishing.ndjson", lines.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.sandbox.putCount(customers.get(3)) == 1);
        Files.delete(file);
        harness.drop("after.json", change("after@contoso.com"));

        harness.awaitResult("after.json", Duration.ofSeconds(30));
        JsonNode result = SyncHarness.readJson(harness.done.resolve("vanishing.ndjson.result.json"));
        assertThat(result.path("summary").path("applied").asInt()).isEqualTo(30);
        assertThat(customers.stream().mapToInt(harness.sandbox::putCount).sum()).as("each change applied once").isEqualTo(30);
        assertThat(harness.deadLetter).isEmptyDirectory();
        SyncInvariants.assertNoJournalLeft(harness.folders);
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("after@contoso.com");
    }

    private static void writeHugeLine(Path file, int stringBytes) throws Exception {
        Path temp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(temp)) {
            out.write("{\"customerId\":\"x\",\"changes\":{\"email\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            for (int written = 0; written < stringBytes; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"}}\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.move(temp, file);
        Files.writeString(file, "{\"customerId\":\"" + "a58ceba5-60ac-48e4-a0bc-2a855811807a"
                + "\",\"changes\":{\"email\":\"huge-ok@contoso.com\"}}\n", java.nio.file.StandardOpenOption.APPEND);
    }
}
