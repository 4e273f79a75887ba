package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.sandbox.RequestCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 429 drawn by the very first request of a service just started, with every lane about to send its first request:
 * no lane's request reaches Partner Center between the 429 and the end of its {@code Retry-After}, however long
 * the lanes were held up in the HTTP client after the request budget let them through. Here they wait for a
 * connection (more lanes than {@code camel.component.http.connections-per-route}, as with sync.concurrency above its
 * default 64): the lanes that get one as the 429 comes back, and every round after, would go out inside the pause.
 * Real routes, a fresh service, the sandbox over HTTP.
 */
@ExtendWith(SyncServiceExtension.class)
class FirstThrottledAnswerTest {
    private static final int LANES = 16;
    private static final int CONNECTIONS = 4;
    private static final int RETRY_AFTER_SECONDS = 3;
    /**
     * The sandbox notes a request when its handler runs and the 429 once it was sent: a request written to the wire
     * just before the 429 reached the client may be noted a little after it. Anything later left the client after
     * the client had read the 429.
     */
    private static final Duration ON_THE_WIRE = Duration.ofMillis(100);

    SyncHarness harness;

    @Test
    void noLaneHeldUpInTheClientSendsWhileTheFirst429sRetryAfterRuns() throws Exception {
        List<String> customers = harness.sandbox.addCustomers(2 * LANES);
        // each request holds its connection this long: the lanes waiting for one get it in rounds
        harness.sandbox.setLatency(Duration.ofMillis(200));
        ChangeScript script = new ChangeScript();
        customers.forEach(c -> script.set(c, "companyName", "First 429 " + c.substring(0, 8)));
        harness.sandbox.faults().throttleRequest(1, RETRY_AFTER_SECONDS);
        harness.drop("first.ndjson", script.ndjson());

        RunSummary summary = harness.runOnce(Map.of("sync.concurrency", String.valueOf(LANES),
                "camel.component.http.connections-per-route", String.valueOf(CONNECTIONS)));

        assertThat(summary.exitCode()).isZero();
        List<RequestCounts.Throttled> throttled = harness.sandbox.counts().throttledAnswers();
        assertThat(throttled).hasSize(1);
        Instant answered = throttled.get(0).answeredAt();
        Instant pauseEnds = answered.plusSeconds(RETRY_AFTER_SECONDS);
        List<RecordedRequest> profileRequests = harness.sandbox.requests().stream()
                .filter(r -> r.path().contains("/profiles/billing")).toList();
        List<RecordedRequest> duringPause = profileRequests.stream()
                .filter(r -> r.time().isAfter(answered.plus(ON_THE_WIRE)) && r.time().isBefore(pauseEnds)).toList();
        assertThat(duringPause).as("requests received after the 429 and before its Retry-After ended (ms after the 429): %s",
                profileRequests.stream().map(r -> r.method() + " +" + Duration.between(answered, r.time()).toMillis()).toList())
                .isEmpty();
        script.assertSandboxMatches(harness.sandbox);
    }
}
