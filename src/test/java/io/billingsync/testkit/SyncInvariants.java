package io.billingsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.history.ChangeHistory;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold after any mix of faults, kills and restarts, read off the service's folders and the sandbox: every
 * change settled exactly once (result records, dead letters), Partner Center in the state of applying the changes
 * once, in order, and the values PUT per customer only moving forward.
 */
public final class SyncInvariants {
    private SyncInvariants() {
    }

    /**
     * Exactly one result record for {@code fileName} in done/ (no second one under the file's stem, such as
     * {@code name-2}; dry runs aside), settling each of its changes once ({@link #assertRecord}); the file has left
     * the inbox.
     */
    public static JsonNode assertSettledOnce(SyncFolders folders, String fileName, List<ExpectedChange> changes) {
        String stem = fileName.substring(0, fileName.indexOf('.'));
        assertThat(ResultRecords.namesIn(folders.done()).stream()
                .filter(n -> n.startsWith(stem) && !n.endsWith(".dry-run" + ResultRecords.SUFFIX)))
                .as("result records of " + fileName).containsExactly(fileName + ResultRecords.SUFFIX);
        assertThat(folders.inbox().resolve(fileName)).as(fileName + " has left the inbox").doesNotExist();
        return assertRecord(folders, fileName, changes);
    }

    /**
     * The result record of the file archived as {@code archivedName} names each change once, at its index and under
     * its change id: applicable ones applied or unchanged, the others dead-lettered, each to a dead letter of its own
     * with its error record; its summary counts them all; the file archived beside it holds exactly these changes.
     */
    public static JsonNode assertRecord(SyncFolders folders, String archivedName, List<ExpectedChange> changes) {
        Path archived = folders.done().resolve(archivedName);
        assertThat(archived).as("archived input file").exists();
        assertThat(ResultRecords.changeIdsIn(archived)).as(archivedName + " archived as written").isEqualTo(changeIds(changes));
        JsonNode result = ResultRecords.read(folders.done().resolve(archivedName + ResultRecords.SUFFIX));
        List<Integer> indexes = new ArrayList<>();
        Set<String> deadLetters = new HashSet<>();
        for (JsonNode change : result.path("changes")) {
            int index = change.path("index").asInt();
            indexes.add(index);
            assertThat(index).as("index of %s in %s", change, archivedName).isBetween(0, changes.size() - 1);
            ExpectedChange expected = changes.get(index);
            assertThat(change.path("changeId").asText()).as("change %d of %s", index, archivedName).isEqualTo(expected.changeId());
            assertOutcome(change, expected, archivedName + " #" + index);
            if (!expected.applicable()) {
                String file = change.path("deadLetterFile").asText();
                assertThat(deadLetters.add(file)).as("dead letter " + file + " named once").isTrue();
                assertThat(folders.deadLetter().resolve(file)).exists();
                assertThat(folders.deadLetter().resolve(file + ".error.json")).exists();
            }
        }
        assertThat(indexes).as("every change of " + archivedName + " exactly once").hasSize(changes.size()).doesNotHaveDuplicates();
        assertThat(result.path("summary").path("total").asInt()).as("changes counted in " + archivedName).isEqualTo(changes.size());
        return result;
    }

    /**
     * Whatever files the changes ended up in: every result record in done/ describes the file archived beside it,
     * change by change, and together the records settle each of {@code changes} exactly once (by change id).
     */
    public static void assertEachSettledOnceAcrossRecords(SyncFolders folders, List<ExpectedChange> changes) {
        Map<String, ExpectedChange> byId = new LinkedHashMap<>();
        changes.forEach(c -> byId.put(c.changeId(), c));
        List<String> settled = new ArrayList<>();
        for (String name : ResultRecords.namesIn(folders.done())) {
            Path record = folders.done().resolve(name);
            List<String> described = new ArrayList<>();
            for (JsonNode change : ResultRecords.read(record).path("changes")) {
                String id = change.path("changeId").asText();
                described.add(id);
                if (byId.containsKey(id)) {
                    assertOutcome(change, byId.get(id), record.toString());
                }
            }
            Path archived = record.resolveSibling(name.substring(0, name.length() - ResultRecords.SUFFIX.length()));
            assertThat(archived).as("archived beside its record").exists();
            assertThat(described).as("%s describes the archived file beside it", record).isEqualTo(ResultRecords.changeIdsIn(archived));
            settled.addAll(described);
        }
        assertThat(settled).as("every change settled exactly once").containsExactlyInAnyOrderElementsOf(byId.keySet());
    }

    /**
     * The dead-letter folder holds the dead letters the records of these files name, each with its error record,
     * and nothing else (hidden temporary files aside).
     */
    public static void assertDeadLettersAreThoseRecorded(SyncFolders folders, String... archivedNames) {
        List<String> named = new ArrayList<>();
        for (String archived : archivedNames) {
            for (JsonNode change : ResultRecords.read(folders.done().resolve(archived + ResultRecords.SUFFIX)).path("changes")) {
                if (change.has("deadLetterFile")) {
                    String file = change.path("deadLetterFile").asText();
                    named.addAll(List.of(file, file + ".error.json"));
                }
            }
        }
        assertThat(SyncFolders.names(folders.deadLetter()).stream().filter(n -> !n.startsWith(".")))
                .as("one dead letter per dead-lettered change, each with its error record, nothing else")
                .containsExactlyInAnyOrderElementsOf(named);
    }

    /** Nothing at all in the dead-letter folder, if it exists. */
    public static void assertNoDeadLetters(SyncFolders folders) {
        assertThat(SyncFolders.names(folders.deadLetter())).as("dead-letter folder").isEmpty();
    }

    /** Every file settled: no journal left in the work folder, only the leader lock and the change history. */
    public static void assertNoJournalLeft(SyncFolders folders) {
        assertThat(SyncFolders.names(folders.work())).as("work folder: only the leader lock and the history")
                .containsExactlyInAnyOrder(".leader", ChangeHistory.FILE_NAME, ChangeHistory.WITNESS_NAME);
    }

    /** Partner Center holds, for each customer and field the applicable changes set, the value the last of them set. */
    public static void assertSandboxHolds(PartnerCenterSandbox sandbox, List<ExpectedChange> changes) {
        Map<String, Map<String, String>> state = new LinkedHashMap<>();
        changes.stream().filter(ExpectedChange::applicable)
                .forEach(c -> state.computeIfAbsent(c.customer(), k -> new LinkedHashMap<>()).put(c.field(), c.value()));
        state.forEach((customer, fields) -> fields.forEach((field, value) -> assertThat(sandbox.profile(customer).path(field).asText())
                .as("%s of %s after applying every change once, in order", field, customer).isEqualTo(value)));
    }

    /**
     * Per customer, the values of {@code field} PUT (in the order the sandbox received them) only move forward
     * through that customer's changes in the order given, each one a value a change set. For changes that each set
     * {@code field} to a value of their own.
     */
    public static void assertPutsMoveForward(List<RecordedRequest> requests, String field, List<ExpectedChange> changes) {
        for (CustomerPuts puts : CustomerPuts.of(requests, field, changes)) {
            assertThat(puts.values()).as("%s PUT for %s, in the order received", field, puts.customer())
                    .isSortedAccordingTo(puts.changeOrder());
        }
    }

    /** {@link #assertPutsMoveForward}, and no value PUT twice: each change sent once at most. */
    public static void assertEachValuePutOnce(List<RecordedRequest> requests, String field, List<ExpectedChange> changes) {
        for (CustomerPuts puts : CustomerPuts.of(requests, field, changes)) {
            assertThat(puts.values()).as("%s PUT for %s, in the order received", field, puts.customer())
                    .isSortedAccordingTo(puts.changeOrder()).doesNotHaveDuplicates();
        }
    }

    /** The values of {@code field} PUT for the customer, in the order the sandbox received them. */
    public static List<String> putValues(List<RecordedRequest> requests, String customer, String field) {
        return CustomerPuts.values(requests, customer, field);
    }

    /** The values of {@code field} PUT for any customer, in the order the sandbox received them. */
    public static List<String> putValues(List<RecordedRequest> requests, String field) {
        return CustomerPuts.values(requests, null, field);
    }

    private static void assertOutcome(JsonNode change, ExpectedChange expected, String where) {
        if (expected.applicable()) {
            assertThat(change.path("outcome").asText()).as(where + " " + change).isIn("applied", "unchanged");
        } else {
            assertThat(change.path("outcome").asText()).as(where + " " + change).isEqualTo("dead-lettered");
        }
    }

    private static List<String> changeIds(List<ExpectedChange> changes) {
        return changes.stream().map(ExpectedChange::changeId).toList();
    }
}
