package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.history.ChangeHistory;
import io.billingsync.history.ReplayPreparation;
import io.billingsync.history.HistoryUnusableException;
import io.billingsync.records.DeadLetterFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Older data is never written over newer: a replayed dead letter keeps its place, a re-sent file's changes are
 * duplicates (change ids) or superseded ({@code changedAt}), {@code changedAt} overrides arrival order, and the
 * store is refused when the instance taking the leader lock finds it missing or damaged. Real service, real files, sandbox over HTTP.
 */
class ChangeHistoryTest extends OneCustomerSyncTest {
    private String change(String changeId, String changedAt, String changes) {
        return "{\"customerId\":\"" + customer + "\"" + (changeId == null ? "" : ",\"changeId\":\"" + changeId + "\"")
                + (changedAt == null ? "" : ",\"changedAt\":\"" + changedAt + "\"") + ",\"changes\":" + changes + "}";
    }

    private RunSummary run(String name, String content) throws Exception {
        harness.drop(name, content);
        return harness.runOnce(Map.of());
    }

    private JsonNode outcome(String resultName, int index) {
        JsonNode result = SyncHarness.readJson(harness.done.resolve(resultName + ".result.json"));
        for (JsonNode change : result.path("changes")) {
            if (change.path("index").asInt() == index) {
                return change;
            }
        }
        throw new AssertionError("no change " + index + " in " + result);
    }

    private String deadLetters() {
        try (Stream<Path> files = Files.list(harness.deadLetter)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName() + ": " + SyncHarness.readJson(p)).toList().toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private String field(String name) {
        return harness.sandbox.profile(customer).path(name).asText();
    }

    /** z.json's change is dead-lettered; a.json (sorts first, processed later) sets the email; z's is replayed. */
    private void oldChangeDeadLetteredThenNewerApplied() throws Exception {
        harness.sandbox.faults().answerNext(customer, 404, CUSTOMER_NOT_FOUND, 1);
        assertThat(run("z.json", change("Z1", null, "{\"email\":\"old@contoso.com\",\"companyName\":\"Old Co\"}"))
                .exitCode()).isEqualTo(1);
        assertThat(run("a.json", change("A1", null, "{\"email\":\"new@contoso.com\"}")).exitCode()).isZero();
    }

    @Test
    void aReplayedOldChangeKeepsItsPlaceSoANewerFieldIsNotOverwritten() throws Exception {
        oldChangeDeadLetteredThenNewerApplied();
        Path deadLetter = harness.deadLetter.resolve("z.0.json");
        long sequence = SyncHarness.readJson(harness.deadLetter.resolve("z.0.json.error.json")).path("sequence").asLong();
        assertThat(sequence).isPositive();

        ReplayPreparation.prepare(deadLetter, false); // as `replay` does
        assertThat(SyncHarness.readJson(deadLetter).path("sequence").asLong()).isEqualTo(sequence);
        new DeadLetterFolder(harness.deadLetter).replay(harness.inbox, List.of());
        RunSummary replay = harness.runOnce(Map.of());

        assertThat(replay.exitCode()).as(this::deadLetters).isZero();
        assertThat(field("email")).isEqualTo("new@contoso.com");
        assertThat(field("companyName")).isEqualTo("Old Co");
        JsonNode replayed = outcome("z.0.json", 0);
        assertThat(replayed.path("outcome").asText()).isEqualTo("applied");
        assertThat(replayed.path("order").path("sequence").asLong()).isEqualTo(sequence);
        JsonNode superseded = replayed.path("order").path("superseded");
        assertThat(superseded).hasSize(1);
        assertThat(superseded.get(0).path("field").asText()).isEqualTo("email");
        assertThat(superseded.get(0).path("byChangeId").asText()).isEqualTo("A1");
        assertThat(superseded.get(0).path("bySource").asText()).isEqualTo("a.json #0");
        assertThat(superseded.get(0).path("bySequence").asLong()).isGreaterThan(sequence);
    }

    @Test
    void replayForceAppliesTheChangeAsGiven() throws Exception {
        oldChangeDeadLetteredThenNewerApplied();
        ReplayPreparation.prepare(harness.deadLetter.resolve("z.0.json"), true); // as `replay --force z.0.json` does
        new DeadLetterFolder(harness.deadLetter).replay(harness.inbox, List.of("z.0.json"));

        assertThat(harness.runOnce(Map.of()).exitCode()).as(this::deadLetters).isZero();

        assertThat(field("email")).isEqualTo("old@contoso.com");
        assertThat(outcome("z.0.json", 0).path("order").path("superseded")).isEmpty();
        // the forced change is now the newest writer: the newer change, replayed old, no longer wins
        assertThat(run("b.json", change(null, null, "{\"email\":\"other@contoso.com\"}")).exitCode()).isZero();
        assertThat(field("email")).isEqualTo("other@contoso.com");
    }

    @Test
    void yesterdaysFileResentAfterTodaysIsADuplicateByChangeId() throws Exception {
        String yesterday = change("Y1", null, "{\"email\":\"old@contoso.com\"}");
        assertThat(run("erp-20261124.json", yesterday).exitCode()).isZero();
        assertThat(run("erp-20261125.json", change("T1", null, "{\"email\":\"new@contoso.com\"}")).exitCode()).isZero();
        int puts = harness.sandbox.putCount(customer);

        RunSummary resent = run("erp-20261124.json", yesterday);

        assertThat(resent.exitCode()).isZero();
        assertThat(field("email")).isEqualTo("new@contoso.com");
        assertThat(harness.sandbox.putCount(customer)).isEqualTo(puts);
        assertThat(resent.render()).contains("1 duplicate");
        JsonNode duplicate = outcome("erp-20261124-2.json", 0);
        assertThat(duplicate.path("outcome").asText()).isEqualTo("duplicate");
        assertThat(duplicate.path("order").path("firstSettledIn").asText()).isEqualTo("erp-20261124.json #0");
    }

    @Test
    void yesterdaysFileResentAfterTodaysIsSupersededByChangedAt() throws Exception {
        String yesterday = change(null, "2026-11-24T09:00:00Z", "{\"email\":\"old@contoso.com\"}");
        assertThat(run("erp-20261124.json", yesterday).exitCode()).isZero();
        assertThat(run("erp-20261125.json", change(null, "2026-11-25T10:00:00+01:00", "{\"email\":\"new@contoso.com\"}"))
                .exitCode()).isZero();
        int puts = harness.sandbox.putCount(customer);

        RunSummary resent = run("erp-20261124.json", yesterday);

        assertThat(resent.exitCode()).isZero();
        assertThat(field("email")).isEqualTo("new@contoso.com");
        assertThat(harness.sandbox.putCount(customer)).isEqualTo(puts);
        assertThat(resent.render()).contains("1 superseded");
        assertThat(SyncHarness.readJson(harness.done.resolve("erp-20261124-2.json.result.json")).path("summary")
                .path("superseded").asInt()).isEqualTo(1);
        JsonNode superseded = outcome("erp-20261124-2.json", 0);
        assertThat(superseded.path("outcome").asText()).isEqualTo("superseded");
        assertThat(superseded.path("order").path("superseded").get(0).path("byChangedAt").asText())
                .isEqualTo("2026-11-25T09:00:00Z");
    }

    @Test
    void changedAtOverridesArrivalOrder() throws Exception {
        harness.drop("a.json", change("N1", "2026-11-25T10:00:00Z", "{\"email\":\"new@contoso.com\"}"));
        harness.drop("b.json", change("O1", "2026-11-25T09:00:00Z",
                "{\"email\":\"old@contoso.com\",\"companyName\":\"Kept Co\"}"));

        assertThat(harness.runOnce(Map.of()).exitCode()).isZero();

        assertThat(field("email")).isEqualTo("new@contoso.com");
        assertThat(field("companyName")).isEqualTo("Kept Co");
        JsonNode older = outcome("b.json", 0);
        assertThat(older.path("outcome").asText()).isEqualTo("applied");
        assertThat(older.path("order").path("superseded").get(0).path("byChangeId").asText()).isEqualTo("N1");
    }

    @Test
    void aDuplicateChangeIdInOneFileIsNotSent() throws Exception {
        // the same change given twice (a change id with other content is a reused id: ReusedChangeIdTest)
        RunSummary summary = run("d.json", "[" + change("D1", null, "{\"email\":\"first@contoso.com\"}") + ","
                + change("D1", null, "{ \"email\" : \"first@contoso.com\" }") + "]");

        assertThat(summary.exitCode()).isZero();
        assertThat(field("email")).isEqualTo("first@contoso.com");
        assertThat(harness.sandbox.putCount(customer)).isEqualTo(1);
        assertThat(outcome("d.json", 1).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(outcome("d.json", 1).path("order").path("firstSettledIn").asText()).isEqualTo("d.json #0");
    }

    @Test
    void desiredStateEntriesAreSequencedAtEachTick() throws Exception {
        Path desired = root.resolve("desired.json");
        Files.writeString(desired, "[" + change(null, null, "{\"companyName\":\"Desired Co\"}") + "]");

        harness.start(Map.of("sync.desired-state.file", desired.toString(), "sync.desired-state.period", "500ms"));

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.desiredStateRecords().size() >= 2);
        List<Path> ticks = harness.desiredStateRecords();
        long first = SyncHarness.readJson(ticks.get(0)).path("changes").get(0).path("order").path("sequence").asLong();
        long second = SyncHarness.readJson(ticks.get(1)).path("changes").get(0).path("order").path("sequence").asLong();
        assertThat(first).isPositive();
        assertThat(second).as("the second tick comes after the first").isGreaterThan(first);
        assertThat(field("companyName")).isEqualTo("Desired Co");
    }


    /**
     * A kill can lose what was remembered since the last commit, never what the journal holds: the file resumes and
     * its settled changes are remembered again. Here the loss is made whole (an empty store beside the journal).
     */
    @Test
    void aResumedFileRemembersAgainWhatItsJournalHoldsAsSettled() throws Exception {
        String other = harness.sandbox.addCustomers(1).get(0);
        harness.sandbox.faults().answerNext(other, 401,
                "{\"code\": 401, \"description\": \"Unauthorized.\", \"data\": [], \"source\": \"PartnerFD\"}", 1);
        harness.drop("f.json", "[" + change("F1", "2026-11-24T10:00:00Z", "{\"email\":\"new@contoso.com\"}") + ","
                + change("F2", null, "{\"companyName\":\"Other Co\"}").replace(customer, other) + "]");
        assertThat(harness.runOnce(Map.of("sync.concurrency", "1")).exitCode()).as("halted at the second change").isEqualTo(3);
        assertThat(field("email")).isEqualTo("new@contoso.com");
        ChangeHistory.reset(harness.work, Instant.now());

        harness.drop("older.json", change("O1", "2026-11-24T09:00:00Z", "{\"email\":\"old@contoso.com\"}"));
        assertThat(harness.runOnce(Map.of()).exitCode()).isZero();

        assertThat(outcome("older.json", 0).path("outcome").asText()).as(outcome("older.json", 0).toString())
                .isEqualTo("superseded");
        assertThat(field("email")).isEqualTo("new@contoso.com");
    }

    @Test
    void aMissingStoreAfterEarlierRunsIsRefusedUntilResetOnPurpose() throws Exception {
        assertThat(run("a.json", change("A1", null, "{\"email\":\"new@contoso.com\"}")).exitCode()).isZero();
        Files.delete(harness.work.resolve(ChangeHistory.FILE_NAME));
        harness.drop("y.json", change("A1", null, "{\"email\":\"old@contoso.com\"}"));

        assertThat(harness.refusalOfOnceRun()).as("the instance taking the lock stops").isInstanceOf(HistoryUnusableException.class)
                .hasMessageContaining("history.mv.db is missing").hasMessageContaining("history reset");
        assertThat(field("email")).isEqualTo("new@contoso.com");
        assertThat(harness.inbox.resolve("y.json")).as("nothing processed").exists();

        ChangeHistory.reset(harness.work, Instant.now());
        assertThat(harness.runOnce(Map.of()).exitCode()).isZero();
        assertThat(field("email")).isEqualTo("old@contoso.com");
    }

    @Test
    void aDamagedStoreIsRefusedAndKeptAsideByReset() throws Exception {
        assertThat(run("a.json", change("A1", null, "{\"email\":\"new@contoso.com\"}")).exitCode()).isZero();
        Path store = harness.work.resolve(ChangeHistory.FILE_NAME);
        byte[] bytes = Files.readAllBytes(store);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (bytes[i] ^ 0x5a);
        }
        Files.write(store, bytes);
        harness.drop("y.json", change("A1", null, "{\"email\":\"old@contoso.com\"}"));

        assertThat(harness.refusalOfOnceRun()).as("the instance taking the lock stops").isInstanceOf(HistoryUnusableException.class)
                .hasMessageContaining("cannot be read").hasMessageContaining("history reset");
        assertThat(field("email")).isEqualTo("new@contoso.com");
        assertThat(harness.inbox.resolve("y.json")).as("nothing processed").exists();

        Path aside = ChangeHistory.reset(harness.work, Instant.now());
        assertThat(aside).exists().hasBinaryContent(bytes);
        try (Stream<Path> work = Files.list(harness.work)) {
            assertThat(work.map(p -> p.getFileName().toString())).contains(ChangeHistory.FILE_NAME);
        }
    }

    @Test
    void aStoreThatLostLaterFilesIsRefusedUntilResetOnPurpose() throws Exception {
        assertThat(run("a.json", change("A1", null, "{\"email\":\"old@contoso.com\"}")).exitCode()).isZero();
        Path store = harness.work.resolve(ChangeHistory.FILE_NAME);
        byte[] afterFirstFile = Files.readAllBytes(store);
        assertThat(run("b.json", change("B1", null, "{\"email\":\"new@contoso.com\"}")).exitCode()).isZero();
        // an old copy of the store put back (a restore, or writes a file system lost): it no longer knows b.json
        Files.write(store, afterFirstFile);
        harness.drop("y.json", change("A1", null, "{\"email\":\"old@contoso.com\"}"));

        assertThat(harness.refusalOfOnceRun()).as("the instance taking the lock stops").isInstanceOf(HistoryUnusableException.class)
                .hasMessageContaining("remembers the files up to number 1, but file number 2 was started since")
                .hasMessageContaining("history reset");
        assertThat(field("email")).isEqualTo("new@contoso.com");
        assertThat(harness.inbox.resolve("y.json")).as("nothing processed").exists();

        ChangeHistory.reset(harness.work, Instant.now());
        assertThat(harness.runOnce(Map.of()).exitCode()).isZero();
    }
}
