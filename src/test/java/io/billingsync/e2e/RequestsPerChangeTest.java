package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.batch.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests per change, counted over real HTTP: the per-file summary line says what the sandbox received. */
class RequestsPerChangeTest {
    @TempDir
    Path root;
    SyncHarness harness;
    List<String> customers;

    @BeforeEach
    void start() {
        harness = new SyncHarness(root);
        customers = harness.sandbox.addCustomers(3);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

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
