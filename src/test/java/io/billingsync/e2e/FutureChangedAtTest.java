package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.history.ChangeHistory;
import io.billingsync.history.FieldWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code changedAt} later than now plus {@code sync.changed-at.clock-skew} (a year typo, an ERP clock hours ahead)
 * is not accepted: the change is dead-lettered {@code invalid} naming file, position, how far ahead it is and the fix;
 * nothing of it is sent and it never enters the history, so later changes of the same fields still go out. A dry run
 * says the same. Real service, real files, sandbox over HTTP.
 */
class FutureChangedAtTest extends OneCustomerSyncTest {
    private static final String YEAR_TYPO = "2099-01-01T00:00:00Z";

    private String change(String changeId, String changedAt, String changes) {
        return "{\"customerId\":\"" + customer + "\",\"changeId\":\"" + changeId + "\",\"changedAt\":\"" + changedAt
                + "\",\"changes\":" + changes + "}\n";
    }

    private static String inMinutes(long minutes) {
        return Instant.now().plus(minutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private JsonNode changes(String record) {
        return SyncHarness.readJson(harness.done.resolve(record + ".result.json")).path("changes");
    }

    @Test
    void aChangedAtInTheFutureIsDeadLetteredSendsNothingAndDoesNotHoldBackLaterChanges() throws Exception {
        harness.drop("typo.ndjson", change("F1", YEAR_TYPO, "{\"email\":\"future@contoso.com\"}"));

        RunSummary typo = harness.runOnce(Map.of());

        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(harness.sandbox.putCount(customer)).as("nothing of it sent").isZero();
        JsonNode error = SyncHarness.readJson(harness.deadLetter.resolve("typo.0.json.error.json"));
        assertThat(error.path("category").asText()).isEqualTo("invalid");
        assertThat(error.path("message").asText()).startsWith("typo.ndjson, line 1: changedAt \"" + YEAR_TYPO + "\" is ")
                .contains(" days in the future", "sync.changed-at.clock-skew", "correct the timestamp or leave it out",
                        "replay");
        assertThat(typo.render()).contains("1 dead-lettered (1 invalid)");

        harness.drop("today.ndjson", change("T1", inMinutes(-1), "{\"email\":\"today@contoso.com\"}"));
        RunSummary today = harness.runOnce(Map.of());

        assertThat(today.exitCode()).isZero();
        assertThat(changes("today.ndjson").get(0).path("outcome").asText()).as("not superseded by the typo").isEqualTo("applied");
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("today@contoso.com");
        try (ChangeHistory history = ChangeHistory.open(harness.work, harness.done)) {
            FieldWriter email = history.fieldsOf(customer).get("email");
            assertThat(email.changeId()).isEqualTo("T1");
            assertThat(history.settled("F1", Instant.EPOCH)).as("the typo's id is not settled").isNull();
        }
    }

    @Test
    void aDryRunAndTheRealRunReportTheFutureChangeAlike() throws Exception {
        harness.drop("plan.ndjson", change("P1", inMinutes(-2), "{\"companyName\":\"Planned Ltd\"}")
                + change("P2", inMinutes(6 * 60), "{\"email\":\"ahead@contoso.com\"}"));

        RunSummary dry = harness.runOnce(Map.of("sync.dry-run", "true"));
        JsonNode predicted = changes("plan.ndjson.dry-run");
        RunSummary real = harness.runOnce(Map.of());
        JsonNode actual = changes("plan.ndjson");

        assertThat(dry.render()).contains("1 dead-lettered (1 invalid)");
        assertThat(real.render()).contains("1 dead-lettered (1 invalid)");
        assertThat(predicted.get(0).path("outcome").asText()).isEqualTo("would-apply");
        assertThat(actual.get(0).path("outcome").asText()).isEqualTo("applied");
        assertThat(predicted.get(1).path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(actual.get(1).path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(actual.get(1).path("message").asText()).startsWith("plan.ndjson, line 2: changedAt \"")
                .contains(" hours in the future").isEqualTo(predicted.get(1).path("message").asText());
        assertThat(harness.sandbox.profile(customer).path("email").asText()).isNotEqualTo("ahead@contoso.com");
    }

    @Test
    void aChangedAtAheadWithinTheAllowedClockSkewIsApplied() throws Exception {
        harness.drop("soon.ndjson", change("S1", inMinutes(2), "{\"email\":\"soon@contoso.com\"}"));
        assertThat(harness.runOnce(Map.of()).exitCode()).as("2 minutes ahead, within the default 5").isZero();

        harness.drop("later.ndjson", change("S2", inMinutes(30), "{\"email\":\"later@contoso.com\"}"));
        Map<String, String> oneHour = new HashMap<>(Map.of("sync.changed-at.clock-skew", "1h"));
        assertThat(harness.runOnce(oneHour).exitCode()).isZero();

        assertThat(harness.sandbox.profile(customer).path("email").asText()).isEqualTo("later@contoso.com");
    }
}
