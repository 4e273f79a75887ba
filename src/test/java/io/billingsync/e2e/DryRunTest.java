package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.testkit.SandboxExtension.Customer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A dry run predicts the real run: each change of a customer is merged onto what the earlier ones would have made. */
@ExtendWith(SyncServiceExtension.class)
class DryRunTest {
    SyncHarness harness;
    @Customer
    String first;
    @Customer
    String second;

    @Test
    void aDryRunReportsWhatTheRealRunThenDoesChangeByChange() throws Exception {
        String originalEmail = harness.sandbox.profile(first).path("email").asText();
        String originalCompany = harness.sandbox.profile(second).path("companyName").asText();
        ChangeScript script = new ChangeScript()
                .set(first, "email", "a@contoso.com")
                .set(second, "companyName", "Fabrikam")
                .set(first, "email", originalEmail)
                .set(first, "email", originalEmail)
                .failing(ChangeScript.UNKNOWN_CUSTOMER, "email", "x@contoso.com")
                .set(second, "companyName", "Fabrikam")
                .set(second, "companyName", originalCompany)
                .set(first, "lastName", "Silva");
        harness.drop("plan.ndjson", script.ndjson());

        // change by change: each change its own write, so the real run's PUTs are counted per change (CoalescingTest
        // has a dry run predicting writes of several)
        RunSummary dry = harness.runOnce(Map.of("sync.dry-run", "true", "sync.coalesce.max-changes", "1"));

        assertThat(harness.sandbox.requests()).noneMatch(r -> r.method().equals("PUT"));
        assertThat(harness.inbox.resolve("plan.ndjson")).exists();
        JsonNode predicted = SyncHarness.readJson(harness.done.resolve("plan.ndjson.dry-run.result.json")).path("changes");
        assertThat(predicted).extracting(c -> c.path("outcome").asText()).containsExactly(
                "would-apply", "would-apply", "would-apply", "unchanged", "dead-lettered", "unchanged", "would-apply",
                "would-apply");
        assertThat(dry.files().get(0).summary().wouldApply()).isEqualTo(5);

        harness.sandbox.clearRequests();
        RunSummary real = harness.runOnce(Map.of("sync.coalesce.max-changes", "1"));

        assertThat(real.exitCode()).isEqualTo(1);
        JsonNode actual = script.assertSettledOnce(harness.folders, "plan.ndjson").path("changes");
        for (int i = 0; i < script.size(); i++) {
            String expected = predicted.get(i).path("outcome").asText().replace("would-apply", "applied");
            assertThat(actual.get(i).path("outcome").asText()).as("change " + i).isEqualTo(expected);
            assertThat(actual.get(i).path("changedFields")).as("change " + i).isEqualTo(predicted.get(i).path("changedFields"));
        }
        assertThat(harness.sandbox.requests().stream().filter(r -> r.method().equals("PUT"))).hasSize(5);
        script.assertSandboxMatches(harness.sandbox);
    }
}
