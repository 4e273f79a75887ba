package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.sandbox.PartnerCenterSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The changes of one test file in input order, and the invariant a test ends on: every change of the file settled
 * exactly once (one result record, each index once, each dead letter a file of its own) and the sandbox in the
 * state of applying the applicable changes in order.
 */
final class ChangeScript {
    /** A customer the sandbox does not know: a change for it is answered 404 and dead-lettered. */
    static final String UNKNOWN_CUSTOMER = "11111111-2222-3333-4444-555555555555";

    record Change(String customer, String field, String value, boolean applicable) {
    }

    private static final java.util.concurrent.atomic.AtomicInteger SCRIPTS = new java.util.concurrent.atomic.AtomicInteger();

    private final List<Change> changes = new ArrayList<>();
    /** Each script's change ids are its own: the history takes an id settled before for a duplicate. */
    private final int script = SCRIPTS.incrementAndGet();

    /** A change Partner Center accepts: sets one string field. */
    ChangeScript set(String customer, String field, String value) {
        changes.add(new Change(customer, field, value, true));
        return this;
    }

    /** A change that must be dead-lettered (an unknown customer, a field that does not exist). */
    ChangeScript failing(String customer, String field, String value) {
        changes.add(new Change(customer, field, value, false));
        return this;
    }

    int size() {
        return changes.size();
    }

    String ndjson() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            lines.append("{\"customerId\":\"%s\",\"changeId\":\"CH-%d-%d\",\"changes\":{\"%s\":\"%s\"}}\n"
                    .formatted(c.customer(), script, i, c.field(), c.value()));
        }
        return lines.toString();
    }

    /** customer -> field -> the value after applying every applicable change once, in order. */
    Map<String, Map<String, String>> expectedState() {
        Map<String, Map<String, String>> state = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.applicable()) {
                state.computeIfAbsent(c.customer(), k -> new LinkedHashMap<>()).put(c.field(), c.value());
            }
        }
        return state;
    }

    void assertSandboxMatches(PartnerCenterSandbox sandbox) {
        expectedState().forEach((customer, fields) -> fields.forEach((field, value) ->
                assertThat(sandbox.profile(customer).path(field).asText()).as(customer + " " + field).isEqualTo(value)));
    }

    /**
     * Exactly one result record for {@code fileName} in done/ (no {@code name-2} duplicate), naming every change
     * once, applicable ones applied or unchanged, the others dead-lettered each to a dead letter of its own.
     */
    JsonNode assertSettledOnce(Path done, Path deadLetter, String fileName) {
        String stem = fileName.substring(0, fileName.indexOf('.'));
        assertThat(list(done).stream().filter(n -> n.startsWith(stem) && n.endsWith(".result.json")
                        && !n.endsWith(".dry-run.result.json")))
                .as("result records of " + fileName).containsExactly(fileName + ".result.json");
        return assertRecord(done, deadLetter, fileName);
    }

    /** The result record of the file archived as {@code archivedName} names every change of this script once. */
    JsonNode assertRecord(Path done, Path deadLetter, String archivedName) {
        assertThat(done.resolve(archivedName)).as("archived input file").exists();
        JsonNode result = SyncHarness.readJson(done.resolve(archivedName + ".result.json"));
        List<Integer> indexes = new ArrayList<>();
        Set<String> deadLetters = new HashSet<>();
        for (JsonNode change : result.path("changes")) {
            int index = change.path("index").asInt();
            indexes.add(index);
            String outcome = change.path("outcome").asText();
            if (changes.get(index).applicable()) {
                assertThat(outcome).as("change " + index).isIn("applied", "unchanged");
            } else {
                assertThat(outcome).as("change " + index).isEqualTo("dead-lettered");
                String file = change.path("deadLetterFile").asText();
                assertThat(deadLetters.add(file)).as("dead letter " + file + " named once").isTrue();
                assertThat(deadLetter.resolve(file)).exists();
                assertThat(deadLetter.resolve(file + ".error.json")).exists();
            }
        }
        assertThat(indexes).as("every change of " + archivedName + " exactly once")
                .hasSize(changes.size()).doesNotHaveDuplicates();
        assertThat(result.path("summary").path("total").asInt()).isEqualTo(changes.size());
        return result;
    }

    static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
