package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.batch.RunSummary;
import io.billingsync.testkit.SandboxExtension.Customers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests per change, counted over real HTTP: the per-file summary line says what the sandbox received. */
@ExtendWith(SyncServiceExtension.class)
class RequestsPerChangeTest {
    SyncHarness harness;
    @Customers(3)
    List<String> customers;

    @Test
    void theFileSummaryLineShowsTheRequestsSentPerChangeRetriesIncluded() throws Exception {
        ChangeScript script = new ChangeScript();
        customers.forEach(c -> script.set(c, "companyName", "First " + c.substring(0, 8)));
        customers.forEach(c -> script.set(c, "companyName", "Second " + c.substring(0, 8)));
        harness.sandbox.faults().concurrentModifications(1); // one conflict: one more GET and PUT
        harness.drop("counted.ndjson", script.ndjson());

        // one GET and one PUT per change: each change its own write
        RunSummary summary = harness.runOnce(Map.of("sync.coalesce.max-changes", "1"));

        assertThat(summary.exitCode()).isZero();
        int received = harness.sandbox.counts().requests();
        assertThat(received).isEqualTo(2 * script.size() + 2);
        assertThat(summary.files()).singleElement().satisfies(f -> assertThat(f.requests()).isEqualTo(received));
        assertThat(summary.render()).contains("counted.ndjson", "; 14 requests, 2.33 per change");
        script.assertSandboxMatches(harness.sandbox);
    }
}
