package io.billingsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.config.SettingsLoader;
import io.billingsync.config.SyncSettings;
import io.billingsync.config.TokenProviders;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.service.SyncService;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput and per-change latency of the service next to a plain HttpClient baseline, against the sandbox on
 * loopback. Run with {@code mvn -B -Pbench verify}; figures go to target/benchmarks/ and docs/BENCHMARKS.md.
 */
@Tag("bench")
class SyncBenchmark {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CUSTOMERS = 1000;

    @TempDir
    Path root;

    /** The CPU figures are per change: the client's threads (not the sandbox's, nor the JIT's and the GC's). */
    record Figures(int latencyMs, int concurrency, int changes, double serviceRate, double baselineRate,
                   double serviceP50, double serviceP99, double baselineP50, double baselineP99,
                   double serviceCpuMicros, double baselineCpuMicros) {
        double ratio() {
            return serviceRate / baselineRate;
        }

        /** The row of the run with the median ratio, and the range of the ratios of all runs of the cell. */
        static String row(List<Figures> runs) {
            List<Figures> sorted = new ArrayList<>(runs);
            sorted.sort((a, b) -> Double.compare(a.ratio(), b.ratio()));
            Figures f = sorted.get(sorted.size() / 2);
            double bound = f.latencyMs == 0 ? 0 : f.concurrency / (2 * f.latencyMs / 1000.0);
            return String.format("| %d ms | %d | %d | %d | %.0f | %.0f | %.2f (%.2f-%.2f) | %.1f / %.1f | %.1f / %.1f | %s | %.0f / %.0f |",
                    f.latencyMs, f.concurrency, f.changes, runs.size(), f.serviceRate, f.baselineRate, f.ratio(),
                    sorted.get(0).ratio(), sorted.get(sorted.size() - 1).ratio(), f.serviceP50, f.serviceP99,
                    f.baselineP50, f.baselineP99, bound == 0 ? "-" : String.format("%.0f (%.2f)", bound, f.serviceRate / bound),
                    median(runs.stream().map(Figures::serviceCpuMicros).toList()),
                    median(runs.stream().map(Figures::baselineCpuMicros).toList()));
        }

        private static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }
    }

    @Test
    void throughputAndLatencyAgainstThePlainClient() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| sandbox latency | concurrency | changes | runs | service changes/s | baseline changes/s "
                + "| service/baseline (range) | service p50/p99 ms | baseline p50/p99 ms | bound changes/s (service/bound) "
                + "| CPU µs per change, service / baseline (medians) |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|---|");
        // both sides run once untimed first, so neither is measured while its code is still being compiled
        measure(0, 4, 3000);
        // -Dbench.cells=0:16,50:4 runs only those latency:concurrency cells
        String only = System.getProperty("bench.cells", "");
        for (int latency : new int[] {0, 50}) {
            for (int concurrency : new int[] {1, 4, 16}) {
                if (!only.isEmpty() && !("," + only + ",").contains("," + latency + ":" + concurrency + ",")) {
                    continue;
                }
                int changes = latency == 0 ? 10_000 : Map.of(1, 300, 4, 1200, 16, 10_000).get(concurrency);
                // at 0 ms both sides are CPU-bound on a shared machine: the median of several runs
                int repeat = latency == 0 ? Integer.getInteger("bench.repeat", 3) : 1;
                List<Figures> runs = new ArrayList<>();
                for (int run = 0; run < repeat; run++) {
                    runs.add(measure(latency, concurrency, changes));
                    // each run on its own, to pool runs of several invocations
                    System.out.println("run " + runs.get(runs.size() - 1) + " ratio=" + runs.get(runs.size() - 1).ratio());
                }
                rows.add(Figures.row(runs));
                System.out.println(Figures.row(runs));
            }
        }
        Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve("throughput.md");
        Files.write(out, rows);
        System.out.println(String.join("\n", rows));
    }

    private Figures measure(int latencyMs, int concurrency, int count) throws Exception {
        double[] service;
        double[] baseline;
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            List<String> customers = sandbox.addCustomers(CUSTOMERS);
            sandbox.setLatency(Duration.ofMillis(latencyMs));
            Path run = Files.createTempDirectory(root, "run-" + latencyMs + "ms-c" + concurrency + "-");
            Path inbox = Files.createDirectories(run.resolve("inbox"));
            List<PlainClientBaseline.Change> changes = new ArrayList<>();
            try (BufferedWriter out = Files.newBufferedWriter(inbox.resolve("bench.ndjson"), StandardCharsets.UTF_8)) {
                for (int i = 0; i < count; i++) {
                    String customer = customers.get(i % CUSTOMERS);
                    ObjectNode patch = JSON.createObjectNode().put("companyName", "Service " + i).put("email", "s" + i + "@example.com");
                    out.write(JSON.writeValueAsString(Map.of("customerId", customer, "changes", patch)));
                    out.write('\n');
                    changes.add(new PlainClientBaseline.Change(customer,
                            JSON.createObjectNode().put("companyName", "Baseline " + i).put("email", "b" + i + "@example.com")));
                }
            }
            service = runService(sandbox, run, concurrency, count, latencyMs, Map.of());
            sandbox.clearRequests();
            long nanos;
            ProcessCpu sampled = new ProcessCpu();
            Instant from = Instant.now();
            try {
                nanos = PlainClientBaseline.run(sandbox.baseUrl(), sandbox.staticToken(), changes, concurrency);
            } finally {
                sampled.close(); // its last sample is after the end, however late the sampler ran
            }
            ProcessCpu.Sample cpu = sampled.between(from, from.plusNanos(nanos));
            double[] latency = perChangeLatency(sandbox.requests(), latencyMs);
            baseline = new double[] {count / (nanos / 1e9), latency[0], latency[1], cpu.client() / 1e3 / count};
        }
        return new Figures(latencyMs, concurrency, count, service[0], baseline[0], service[1], service[2], baseline[1],
                baseline[2], service[3], baseline[3]);
    }

    /**
     * @param extra settings of this run (e.g. {@code sync.history})
     * @return changes a second, the p50 and p99 latency (ms), and the CPU time of the service's threads per change (µs)
     *         from the result record's start to its end
     */
    static double[] runService(PartnerCenterSandbox sandbox, Path run, int concurrency, int count, int latencyMs,
                               Map<String, String> extra) throws Exception {
        Map<String, String> values = new HashMap<>(extra);
        values.put("sync.concurrency", String.valueOf(concurrency));
        values.put("sync.once", "true");
        JsonNode result;
        ProcessCpu sampled = new ProcessCpu();
        try {
            service(sandbox, run, values).run();
        } finally {
            sampled.close();
        }
        result = JSON.readTree(run.resolve("done").resolve("bench.ndjson.result.json").toFile());
        ProcessCpu.Sample cpu = sampled.between(Instant.parse(result.path("started").asText()),
                Instant.parse(result.path("finished").asText()));
        if (result.path("summary").path("applied").asInt() != count) {
            throw new IllegalStateException("service applied " + result.path("summary") + " of " + count);
        }
        double seconds = Duration.between(Instant.parse(result.path("started").asText()),
                Instant.parse(result.path("finished").asText())).toNanos() / 1e9;
        double[] latency = perChangeLatency(sandbox.requests(), latencyMs);
        return new double[] {count / seconds, latency[0], latency[1], cpu.client() / 1e3 / count};
    }

    /** The service in-process on the sandbox, its folders in {@code run}, with the settings in {@code extra} on top. */
    static SyncService service(PartnerCenterSandbox sandbox, Path run, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("partnercenter.base-url", sandbox.baseUrl().toString());
        values.put("partnercenter.token", sandbox.staticToken());
        values.put("sync.inbox", run.resolve("inbox").toString());
        values.put("sync.done", run.resolve("done").toString());
        values.put("sync.dead-letter", run.resolve("dead-letter").toString());
        values.put("sync.work", run.resolve("work").toString());
        values.put("sync.inbox.quiet-period", "100ms");
        values.put("sync.inbox.poll-interval", "100ms");
        values.put("camel.management.enabled", "false");
        values.put("camel.metrics.enabled", "false");
        values.putAll(extra);
        Properties properties = new SettingsLoader(Map.of(), new Properties()).load(Path.of("config", "application.properties"), values);
        SyncSettings settings = SyncSettings.from(properties);
        return new SyncService(settings, properties, TokenProviders.create(settings), Clock.systemUTC());
    }

    /** Per change: from its GET reaching the sandbox to its PUT reaching it, plus the PUT's own latency. */
    static double[] perChangeLatency(List<RecordedRequest> requests, int putLatencyMs) {
        Map<String, Instant> gets = new HashMap<>();
        List<Double> millis = new ArrayList<>();
        for (RecordedRequest r : requests) {
            String correlation = r.header("MS-CorrelationId");
            if (r.method().equals("GET")) {
                gets.put(correlation, r.time());
            } else if (r.method().equals("PUT") && gets.containsKey(correlation)) {
                millis.add(Duration.between(gets.get(correlation), r.time()).toNanos() / 1e6 + putLatencyMs);
            }
        }
        millis.sort(Double::compare);
        if (millis.isEmpty()) {
            return new double[] {0, 0};
        }
        return new double[] {millis.get(millis.size() / 2), millis.get((int) Math.min(millis.size() - 1, Math.floor(millis.size() * 0.99)))};
    }
}
