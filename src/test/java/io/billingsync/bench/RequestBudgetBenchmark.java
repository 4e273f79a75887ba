package io.billingsync.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.sandbox.RequestCounts;
import io.billingsync.sandbox.SandboxSettings;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests per change at 50 ms and concurrency 16 (1,000 customers x 5 changes, adjacent per customer and spread
 * round-robin) next to the plain client, and the service under the sandbox's per-tenant rate limit with and without
 * sync.max-requests-per-second. Figures go to target/benchmarks/request-budget.md and docs/BENCHMARKS.md.
 */
@Tag("bench")
class RequestBudgetBenchmark {
    static final int CUSTOMERS = 1000;
    static final int LATENCY_MS = 50;
    static final int CONCURRENCY = 16;

    @TempDir
    Path root;

    @Test
    void requestsPerChangeAndTheSharedBudget() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| case | changes | service changes/s | seconds | requests/change | 429s | most arrivals in 1 s | baseline changes/s | baseline requests/change | bound changes/s (service/bound) |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|");
        int perCustomer = Integer.getInteger("bench.changes-per-customer", 5);
        int rateLimit = Integer.getInteger("bench.rate-limit", 100);
        String maxChanges = System.getProperty("bench.coalesce", "8");
        Map<String, String> coalescing = Map.of("sync.coalesce.max-changes", maxChanges);
        double bound = CONCURRENCY / (2 * LATENCY_MS / 1000.0);
        if (!Boolean.getBoolean("bench.throttled-only")) {
            for (boolean adjacent : new boolean[] {true, false}) {
                String layout = adjacent ? "adjacent per customer" : "round-robin over the file";
                rows.add(row(layout + ", one write per change", measure(adjacent, perCustomer, 0, Map.of(), true), bound));
                System.out.println(rows.get(rows.size() - 1));
                rows.add(row(layout + ", coalescing " + maxChanges, measure(adjacent, perCustomer, 0, coalescing, true), bound));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        Run uncappedRun = measure(true, perCustomer, rateLimit, coalescing, false);
        rows.add(row("sandbox limit " + rateLimit + " req/s, coalescing " + maxChanges + ", no cap", uncappedRun,
                rateLimit / uncappedRun.serviceRequestsPerChange()));
        System.out.println(rows.get(rows.size() - 1));
        // -Dbench.caps=100,95: the caps to run under the sandbox's limit (default: the limit itself)
        for (String cap : System.getProperty("bench.caps", String.valueOf(rateLimit)).split(",")) {
            Map<String, String> capped = new java.util.HashMap<>(coalescing);
            capped.put("sync.max-requests-per-second", cap.strip());
            Run cappedRun = measure(true, perCustomer, rateLimit, capped, false);
            rows.add(row("sandbox limit " + rateLimit + " req/s, coalescing " + maxChanges + ", cap " + cap.strip(), cappedRun,
                    rateLimit / cappedRun.serviceRequestsPerChange()));
            System.out.println(rows.get(rows.size() - 1));
        }
        Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve("request-budget.md");
        Files.write(out, rows);
        System.out.println(String.join("\n", rows));
    }

    /** @param peakPerSecond the most requests that reached the sandbox within one second (sliding), -1: not counted */
    record Run(int changes, double serviceRate, double serviceRequestsPerChange, int service429s, int peakPerSecond,
               double baselineRate, double baselineRequestsPerChange) {
    }

    /** {@code bound}: one-by-one latency bound, or under a rate limit R: R / the run's requests per change. */
    private static String row(String name, Run r, double bound) {
        return String.format(java.util.Locale.ROOT, "| %s | %d | %.0f | %.1f | %.2f | %d | %s | %s | %s | %.0f (%.2f) |", name, r.changes, r.serviceRate,
                r.changes / r.serviceRate, r.serviceRequestsPerChange, r.service429s,
                r.peakPerSecond < 0 ? "-" : String.valueOf(r.peakPerSecond),
                r.baselineRate < 0 ? "-" : String.format("%.0f", r.baselineRate),
                r.baselineRate < 0 ? "-" : String.format("%.2f", r.baselineRequestsPerChange), bound, r.serviceRate / bound);
    }

    /** The most requests that arrived within any one second, (t - 1 s, t]: what the sandbox's limit counts. */
    private static int peakPerSecond(List<RecordedRequest> requests) {
        List<java.time.Instant> times = requests.stream().filter(r -> r.path().contains("/profiles/billing"))
                .map(RecordedRequest::time).sorted().toList();
        int peak = 0;
        for (int from = 0, to = 0; to < times.size(); to++) {
            while (!times.get(from).isAfter(times.get(to).minusSeconds(1))) {
                from++;
            }
            peak = Math.max(peak, to - from + 1);
        }
        return peak;
    }

    private Run measure(boolean adjacent, int perCustomer, int rateLimit, Map<String, String> extra, boolean withBaseline)
            throws Exception {
        int count = CUSTOMERS * perCustomer;
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            List<String> customers = sandbox.addCustomers(CUSTOMERS);
            sandbox.setLatency(Duration.ofMillis(LATENCY_MS));
            sandbox.faults().rateLimit(rateLimit);
            Path run = Files.createTempDirectory(root, "run-");
            Path inbox = Files.createDirectories(run.resolve("inbox"));
            List<PlainClientBaseline.Change> changes = new ArrayList<>();
            try (BufferedWriter out = Files.newBufferedWriter(inbox.resolve("bench.ndjson"), StandardCharsets.UTF_8)) {
                for (int i = 0; i < count; i++) {
                    String customer = adjacent ? customers.get(i / perCustomer) : customers.get(i % CUSTOMERS);
                    ObjectNode patch = SyncBenchmark.JSON.createObjectNode().put("companyName", "Service " + i).put("email", "s" + i + "@example.com");
                    out.write(SyncBenchmark.JSON.writeValueAsString(Map.of("customerId", customer, "changes", patch)));
                    out.write('\n');
                    changes.add(new PlainClientBaseline.Change(customer,
                            SyncBenchmark.JSON.createObjectNode().put("companyName", "Baseline " + i).put("email", "b" + i + "@example.com")));
                }
            }
            // under a rate limit the arrival times are kept (a few thousand): the most in any one second shows
            // whether requests spaced evenly as they leave still bunch up on their way
            sandbox.recordRequests(rateLimit > 0);
            RequestCounts counts = sandbox.counts();
            double[] service = SyncBenchmark.runService(sandbox, run, CONCURRENCY, count, LATENCY_MS, extra);
            double serviceRequests = counts.requests();
            int throttled = counts.answered(429);
            int peak = rateLimit > 0 ? peakPerSecond(sandbox.requests()) : -1;
            if (!withBaseline) {
                return new Run(count, service[0], serviceRequests / count, throttled, peak, -1, 0);
            }
            counts.clear();
            long nanos = PlainClientBaseline.run(sandbox.baseUrl(), sandbox.staticToken(), changes, CONCURRENCY);
            return new Run(count, service[0], serviceRequests / count, throttled, peak, count / (nanos / 1e9),
                    (double) counts.requests() / count);
        }
    }
}
