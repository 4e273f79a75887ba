package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The invariant after any mix of faults, for test files whose changes each set one customer's email under a
 * unique changeId: every change dropped is settled exactly once, each result record describes exactly the
 * archived file beside it, and Partner Center holds what applying every change once, in order, gives.
 */
final class SettledChanges {
    /** changeId -> customerId and email, in the order the changes must be applied. */
    private final Map<String, String[]> dropped = new LinkedHashMap<>();

    /** One NDJSON line (or array element) setting the customer's email, remembered in application order. */
    String change(String changeId, String customerId, String email) {
        dropped.put(changeId, new String[] {customerId, email});
        return "{\"customerId\":\"" + customerId + "\",\"changeId\":\"" + changeId + "\",\"changes\":{\"email\":\""
                + email + "\"}}";
    }

    String lines(String... changes) {
        return String.join("\n", changes) + "\n";
    }

    void assertHolds(SyncHarness harness) {
        List<String> settled = new ArrayList<>();
        for (Path record : records(harness.done)) {
            JsonNode result = SyncHarness.readJson(record);
            List<String> described = new ArrayList<>();
            for (JsonNode change : result.path("changes")) {
                assertThat(change.path("outcome").asText()).as(record + " " + change).isIn("applied", "unchanged");
                described.add(change.path("changeId").asText());
            }
            String name = record.getFileName().toString();
            Path archived = record.resolveSibling(name.substring(0, name.length() - ".result.json".length()));
            assertThat(described).as("%s describes the archived file beside it", record).isEqualTo(changeIdsIn(archived));
            settled.addAll(described);
        }
        assertThat(settled).as("every change settled exactly once").containsExactlyInAnyOrderElementsOf(dropped.keySet());
        Map<String, String> expected = new LinkedHashMap<>();
        dropped.values().forEach(c -> expected.put(c[0], c[1]));
        expected.forEach((customer, email) -> assertThat(harness.sandbox.profile(customer).path("email").asText())
                .as("email of %s after applying every change in order", customer).isEqualTo(email));
    }

    /** The emails PUT for this customer, in the order the sandbox received them. */
    static List<String> putEmails(SyncHarness harness, String customerId) {
        return harness.sandbox.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().contains(customerId))
                .map(r -> SyncHarness.parse(r.body()).path("email").asText())
                .toList();
    }

    static List<Path> records(Path done) {
        if (!Files.isDirectory(done)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".result.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> changeFilesIn(Path inbox) {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".tmp")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> changeIdsIn(Path file) {
        assertThat(file).as("archived beside its record").exists();
        try {
            String content = Files.readString(file).trim();
            List<String> ids = new ArrayList<>();
            if (content.startsWith("[")) {
                SyncHarness.parse(content).forEach(c -> ids.add(c.path("changeId").asText()));
            } else {
                content.lines().filter(l -> !l.isBlank()).forEach(l -> ids.add(SyncHarness.parse(l).path("changeId").asText()));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
