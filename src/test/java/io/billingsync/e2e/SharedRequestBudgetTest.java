package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingsync.batch.RunSummary;
import io.billingsync.budget.RequestBudget;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.sandbox.RequestCounts;
import io.billingsync.service.SyncService;
import io.billingsync.testkit.SandboxExtension.Customers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One request budget for all customer lanes, over real HTTP against the sandbox: a 429 with Retry-After pauses
 * every lane, the optional cap holds across lanes (counted where the budget lets each request through), and health and metrics
 * say when the service is held back.
 */
@ExtendWith(SyncServiceExtension.class)
class SharedRequestBudgetTest {
    private static final int CUSTOMERS = 6;
    private static final int CHANGES_PER_CUSTOMER = 4;

    SyncHarness harness;
    @Customers(CUSTOMERS)
    List<String> customers;
    ChangeScript script;

    @BeforeEach
    void writeTheScript() {
        script = new ChangeScript();
        for (int round = 0; round < CHANGES_PER_CUSTOMER; round++) {
            for (String customer : customers) {
                script.set(customer, "companyName", "Budget " + round + " " + customer.substring(0, 8));
            }
        }
    }

    private List<RecordedRequest> profileRequests() {
        return harness.sandbox.requests().stream().filter(r -> r.path().contains("/profiles/billing")).toList();
    }

    @Test
    void oneThrottledAnswerPausesEveryLaneUntilRetryAfterHasPassed() throws Exception {
        oneThrottledAnswerPausesEveryLane(Map.of("sync.concurrency", "4", "sync.coalesce.max-changes", ONE_WRITE_PER_CHANGE), 10);
    }

    @Test
    void withCoalescingOneThrottledAnswerStillPausesEveryLane() throws Exception {
        // 6 writes of 4 changes each: 12 requests, the 8th throttled while other customers are in flight
        oneThrottledAnswerPausesEveryLane(Map.of("sync.concurrency", "4", "sync.coalesce.max-changes", "8"), 8);
        assertThat(harness.sandbox.counts().answered(200)).as("one GET and one PUT per customer (a throttled PUT's GET redone)")
                .isBetween(2 * CUSTOMERS, 2 * CUSTOMERS + 1);
    }

    private void oneThrottledAnswerPausesEveryLane(Map<String, String> settings, int throttledRequest) throws Exception {
        harness.sandbox.setLatency(Duration.ofMillis(20));
        harness.sandbox.faults().throttleRequest(throttledRequest, 2); // several customers are in flight by then
        harness.drop("budget.ndjson", script.ndjson());

        RunSummary summary = harness.runOnce(settings);

        assertThat(summary.exitCode()).isZero();
        List<RequestCounts.Throttled> throttled = harness.sandbox.counts().throttledAnswers();
        assertThat(throttled).hasSize(1);
        Instant answered = throttled.get(0).answeredAt();
        Instant pauseEnds = answered.plusSeconds(2);
        // requests already on their way when the 429 left may still arrive just after it; none is sent in the pause
        Instant inFlightArrived = answered.plusMillis(300);
        List<RecordedRequest> duringPause = profileRequests().stream()
                .filter(r -> r.time().isAfter(inFlightArrived) && r.time().isBefore(pauseEnds)).toList();
        assertThat(duringPause).as("requests sent while Partner Center asked every lane to wait").isEmpty();
        assertThat(profileRequests().stream().filter(r -> !r.time().isBefore(pauseEnds)).count())
                .as("the work resumes after the pause").isGreaterThan(0);
        JsonNode changes = SyncHarness.readJson(harness.done.resolve("budget.ndjson.result.json")).path("changes");
        assertThat(changes).hasSize(script.size());
        changes.forEach(c -> assertThat(c.path("outcome").asText()).isEqualTo("applied"));
        script.assertSandboxMatches(harness.sandbox);
    }

    /** Tests that count one GET and one PUT per change: each change its own write. */
    private static final String ONE_WRITE_PER_CHANGE = "1";

    @Test
    void theCapOnRequestsPerSecondHoldsAcrossAllLanes() throws Exception {
        theCapHoldsAcrossAllLanes(Map.of("sync.coalesce.max-changes", ONE_WRITE_PER_CHANGE), 2 * script.size());
    }

    @Test
    void withCoalescingTheCapStillHoldsAcrossAllLanes() throws Exception {
        theCapHoldsAcrossAllLanes(Map.of("sync.coalesce.max-changes", "2"), 2 * script.size() / 2);
    }

    /**
     * The cap is checked where it is enforced: on the instants the budget let each request through, over every lane,
     * with no slack. The sandbox's arrival times are not a measure of it: each request's way through the HTTP client,
     * the network and the sandbox's threads varies (under load by more than the 100 ms spacing), so arrivals may
     * bunch a little whatever the budget does. What the sandbox shows is that every request it received went through
     * the budget.
     */
    private void theCapHoldsAcrossAllLanes(Map<String, String> extra, int requests) throws Exception {
        int cap = 10;
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put("sync.concurrency", "4");
        settings.put("sync.max-requests-per-second", String.valueOf(cap));
        SyncService service = harness.start(settings);
        List<Long> letThrough = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        service.camel().getRegistry().lookupByNameAndType("requestBudget", RequestBudget.class)
                .observeLetThrough(letThrough::add);

        harness.drop("capped.ndjson", script.ndjson());
        JsonNode result = harness.awaitResult("capped.ndjson", Duration.ofSeconds(60));

        result.path("changes").forEach(c -> assertThat(c.path("outcome").asText()).isEqualTo("applied"));
        assertThat(profileRequests()).hasSize(requests);
        List<Long> times;
        synchronized (letThrough) {
            times = letThrough.stream().sorted().toList();
        }
        assertThat(times).as("every request the sandbox received was let through by the budget").hasSize(requests);
        long second = Duration.ofSeconds(1).toNanos();
        for (int i = 0; i < times.size(); i++) {
            long from = times.get(i);
            long inWindow = times.stream().filter(t -> t >= from && t < from + second).count();
            assertThat(inWindow).as("requests let through in the second from request %d", i).isLessThanOrEqualTo(cap);
        }
        assertThat(harness.sandbox.counts().answered(429)).isZero();
        script.assertSandboxMatches(harness.sandbox);
    }

    /**
     * The cap set at exactly the tenant's limit: one 429 (scripted here; arrival jitter draws one now and then) lowers
     * the cap the budget applies, so from the end of its pause on fewer than the configured cap are let through in
     * any one second.
     */
    @Test
    void aThrottledAnswerUnderTheCapLowersTheRateTheBudgetLetsThrough() throws Exception {
        int cap = 10;
        ChangeScript longer = new ChangeScript();
        for (int round = 0; round < 8; round++) {
            for (String customer : customers) {
                longer.set(customer, "companyName", "Adapt " + round + " " + customer.substring(0, 8));
            }
        }
        harness.sandbox.setLatency(Duration.ofMillis(20));
        harness.sandbox.faults().rateLimit(cap);
        harness.sandbox.faults().throttleRequest(12, 1);
        SyncService service = harness.start(Map.of("sync.concurrency", "4", "sync.coalesce.max-changes", ONE_WRITE_PER_CHANGE,
                "sync.max-requests-per-second", String.valueOf(cap)));
        List<Long> letThrough = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        service.camel().getRegistry().lookupByNameAndType("requestBudget", RequestBudget.class)
                .observeLetThrough(letThrough::add);

        harness.drop("adaptive.ndjson", longer.ndjson());
        JsonNode result = harness.awaitResult("adaptive.ndjson", Duration.ofSeconds(90));

        result.path("changes").forEach(c -> assertThat(c.path("outcome").asText()).isEqualTo("applied"));
        assertThat(harness.sandbox.counts().answered(429)).as("429s drawn").isPositive();
        List<Long> times;
        synchronized (letThrough) {
            times = letThrough.stream().sorted().toList();
        }
        // the pause after the first 429 is the only gap of a second or more between requests let through
        long second = Duration.ofSeconds(1).toNanos();
        int resumed = 1;
        while (resumed < times.size() && times.get(resumed) - times.get(resumed - 1) < second) {
            resumed++;
        }
        List<Long> afterPause = times.subList(resumed, times.size());
        assertThat(afterPause).as("requests let through after the pause").hasSizeGreaterThan(4 * cap);
        long mostInASecond = 0;
        for (long from : afterPause) {
            mostInASecond = Math.max(mostInASecond, afterPause.stream().filter(t -> t >= from && t < from + second).count());
        }
        assertThat(mostInASecond).as("most requests let through in any one second after the 429").isLessThan(cap);
        longer.assertSandboxMatches(harness.sandbox);
    }

    @Test
    void underTheSandboxsTenantRateLimitTheServiceDrawsThrottledAnswersWithoutTheCapAndNoneWithIt() throws Exception {
        harness.sandbox.faults().rateLimit(12);
        harness.drop("uncapped.ndjson", script.ndjson());

        RunSummary uncapped = harness.runOnce(Map.of("sync.concurrency", "4", "sync.retry.max-backoff", "2s",
                "sync.coalesce.max-changes", ONE_WRITE_PER_CHANGE));

        assertThat(uncapped.exitCode()).isZero();
        RequestCounts counts = harness.sandbox.counts();
        assertThat(counts.answered(429)).as("429s drawn without the cap").isPositive();
        assertThat(counts.throttledAnswers()).allSatisfy(t -> assertThat(t.retryAfterSeconds()).isEqualTo(1));
        assertThat(counts.answered(200)).as("a throttled round is redone whole").isGreaterThanOrEqualTo(2 * script.size());
        script.assertSandboxMatches(harness.sandbox);

        counts.clear();
        harness.sandbox.faults().rateLimit(0);
        ChangeScript again = new ChangeScript();
        customers.forEach(c -> again.set(c, "email", "capped@" + c.substring(0, 8) + ".example.com"));
        customers.forEach(c -> again.set(c, "companyName", "Capped " + c.substring(0, 8)));
        harness.sandbox.faults().rateLimit(12);
        harness.drop("capped.ndjson", again.ndjson());

        RunSummary capped = harness.runOnce(Map.of("sync.concurrency", "4", "sync.max-requests-per-second", "10",
                "sync.coalesce.max-changes", ONE_WRITE_PER_CHANGE));

        assertThat(capped.exitCode()).isZero();
        assertThat(counts.answered(429)).as("429s drawn with the cap under the limit").isZero();
        assertThat(counts.requests()).isEqualTo(2 * again.size());
        again.assertSandboxMatches(harness.sandbox);
    }

    @Test
    void healthAndMetricsShowWhenTheServiceIsHeldBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        harness.sandbox.setLatency(Duration.ofMillis(20));
        harness.sandbox.faults().throttleRequest(3, 4);
        harness.start(Map.of("camel.management.enabled", "true", "camel.management.port", String.valueOf(port),
                "camel.metrics.enabled", "true", "sync.concurrency", "4", "sync.coalesce.max-changes", ONE_WRITE_PER_CHANGE,
                "sync.max-requests-per-second", "100"));
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/observe/health/ready?data=true");
        URI metrics = URI.create("http://127.0.0.1:" + port + "/observe/metrics");
        harness.drop("held.ndjson", script.ndjson());

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.sandbox.counts().answered(429) == 1);
        await().atMost(Duration.ofSeconds(3)).until(() -> get(http, ready).statusCode() == 503);
        assertThat(get(http, ready).body()).contains("request-budget", "held back", "pausedUntil")
                .containsPattern("effectiveRequestsPerSecond\\W+95\\.0");

        harness.awaitResult("held.ndjson", Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(http, ready).statusCode() == 200);
        String exposed = get(http, metrics).body();
        assertThat(exposed).containsPattern("billing_sync_held_back_seconds_total\\{[^}]*reason=\"throttled\"[^}]*} [1-9]");
        assertThat(exposed).containsPattern("billing_sync_partner_center_requests_total\\{?[^}]*}? (4[89]|[5-9][0-9])");
        assertThat(exposed).as("the cap in force, lowered by the 429")
                .containsPattern("billing_sync_effective_requests_per_second(\\{[^}]*})? (95|96)\\.0");
        assertThat(exposed).as("one GET and one PUT per change, the throttled round redone")
                .containsPattern("billing_sync_requests_per_change(\\{[^}]*})? 2\\.0[0-9]*");
        script.assertSandboxMatches(harness.sandbox);
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
