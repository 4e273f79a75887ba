package io.billingsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.service.SyncService;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desired-state timer at steady state: 10,000 customers, a short period, 1% of the entries edited before each
 * tick and a few profiles changed in the sandbox behind the service's back; requests per tick with every customer
 * read at each tick (drift-check interval 0s, as before) and with the interval at 96 periods (the ratio of 24 h to
 * 15 min), and how long each injected drift took to be corrected. Figures go to target/benchmarks/desired-state.md.
 */
@Tag("bench")
class DesiredStateBenchmark {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CUSTOMERS = Integer.getInteger("bench.desired.customers", 10_000);
    static final Duration PERIOD = Duration.ofSeconds(2);
    static final int EDITED = CUSTOMERS / 100;
    static final int DRIFTED_PER_TICK = 5;
    static final int DRIFTING_TICKS = 5;
    static final int MEASURED_TICKS = Integer.getInteger("bench.desired.ticks", 10);

    @TempDir
    Path root;

    /** One tick as measured: its requests, and the share of customers it was due to read again. */
    record Tick(int gets, int puts, double share, long millis) {
        int requests() {
            return gets + puts;
        }

        /** The target of one tick: the edited customers' GET and PUT, its drift share, and 1% of the customers. */
        boolean overTarget() {
            return requests() > 2 * EDITED + share + CUSTOMERS / 100.0;
        }
    }

    @Test
    void requestsPerTickBeforeAndAfterAndTimeToCorrectDrift() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| drift-check interval | customers | period | ticks | requests per tick, median (range) | GETs / PUTs (median) "
                + "| the edited customers' requests | drift share (median) | target: edited + share + 1% | ticks over their target | tick took, median "
                + "| drift corrected after, median (max) of " + DRIFTED_PER_TICK * DRIFTING_TICKS + " | load (1 min) before / after |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.add(measure(Duration.ZERO));
        rows.add(measure(PERIOD.multipliedBy(96)));
        Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve("desired-state.md");
        Files.write(out, rows);
        System.out.println(String.join("\n", rows));
    }

    private String measure(Duration interval) throws Exception {
        double loadBefore = load();
        Path run = Files.createTempDirectory(root, "interval-" + interval.toSeconds() + "s-");
        Path desired = run.resolve("desired.json");
        List<Tick> ticks = new ArrayList<>();
        List<Duration> corrections = new ArrayList<>();
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            sandbox.recordRequests(false);
            List<String> customers = sandbox.addCustomers(CUSTOMERS);
            Map<String, String> companies = new HashMap<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                companies.put(customers.get(i), "Desired " + i);
            }
            write(desired, customers, companies);
            Map<String, Instant> drifted = new ConcurrentHashMap<>();
            try (SyncService service = start(sandbox, run, desired, interval)) {
                Path done = run.resolve("done");
                awaitRecords(done, 1, Duration.ofMinutes(5));
                Instant lastStart = started(lastRecord(done));
                for (int t = 0; t < MEASURED_TICKS || !drifted.isEmpty(); t++) {
                    if (t > 4 * interval.toSeconds() / PERIOD.toSeconds() + MEASURED_TICKS) {
                        throw new IllegalStateException("drift not corrected: " + drifted.keySet());
                    }
                    int getsBefore = sandbox.counts().requests("GET");
                    int putsBefore = sandbox.counts().requests("PUT");
                    for (int e = 0; e < EDITED; e++) {
                        int i = (t * EDITED + e) % (CUSTOMERS / 2);
                        companies.put(customers.get(i), "Edited at tick " + t + " " + i);
                    }
                    write(desired, customers, companies);
                    if (t < DRIFTING_TICKS) {
                        for (int d = 0; d < DRIFTED_PER_TICK; d++) {
                            String customer = customers.get(CUSTOMERS / 2 + t * DRIFTED_PER_TICK + d);
                            sandbox.putCustomerField(customer, "companyName", "Changed in Partner Center");
                            drifted.put(customer, Instant.now());
                        }
                    }
                    int records = count(done);
                    while (count(done) < records + 1) {
                        Thread.sleep(20);
                        corrected(sandbox, companies, drifted, corrections);
                    }
                    corrected(sandbox, companies, drifted, corrections);
                    JsonNode record = lastRecord(done);
                    Instant start = started(record);
                    double share = interval.isZero() ? CUSTOMERS
                            : CUSTOMERS * (double) Duration.between(lastStart, start).toMillis() / interval.toMillis();
                    lastStart = start;
                    ticks.add(new Tick(sandbox.counts().requests("GET") - getsBefore,
                            sandbox.counts().requests("PUT") - putsBefore, share,
                            Duration.between(start, Instant.parse(record.path("finished").asText())).toMillis()));
                }
            }
        }
        return row(interval, ticks, corrections, loadBefore, load());
    }

    private static String row(Duration interval, List<Tick> ticks, List<Duration> corrections, double loadBefore,
                              double loadAfter) {
        List<Tick> byRequests = new ArrayList<>(ticks);
        byRequests.sort((a, b) -> Integer.compare(a.requests(), b.requests()));
        Tick median = byRequests.get(byRequests.size() / 2);
        double share = median(ticks.stream().map(Tick::share).toList());
        double millis = median(ticks.stream().map(t -> (double) t.millis()).toList());
        List<Double> seconds = corrections.stream().map(d -> d.toMillis() / 1000.0).sorted().toList();
        return String.format(java.util.Locale.ROOT, "| %s | %,d | %d s | %d | %d (%d-%d) | %d / %d | %d | %.0f | %.0f | %d | %.1f s "
                        + "| %.1f s (%.1f s) | %.1f / %.1f |",
                interval.isZero() ? "0s (every customer at every tick)" : interval.toSeconds() + " s (96 periods)", CUSTOMERS,
                PERIOD.toSeconds(), ticks.size(), median.requests(), byRequests.get(0).requests(),
                byRequests.get(byRequests.size() - 1).requests(), median.gets(), median.puts(), 2 * EDITED, share,
                2 * EDITED + share + CUSTOMERS / 100.0, ticks.stream().filter(Tick::overTarget).count(), millis / 1000,
                seconds.get(seconds.size() / 2),
                seconds.get(seconds.size() - 1), loadBefore, loadAfter);
    }

    /** Notes the drifted customers Partner Center holds as desired again, and when. */
    private static void corrected(PartnerCenterSandbox sandbox, Map<String, String> companies, Map<String, Instant> drifted,
                                  List<Duration> corrections) {
        for (Map.Entry<String, Instant> drift : drifted.entrySet()) {
            if (sandbox.profile(drift.getKey()).path("companyName").asText().equals(companies.get(drift.getKey()))) {
                corrections.add(Duration.between(drift.getValue(), Instant.now()));
                drifted.remove(drift.getKey());
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** The whole desired-state file, written under a temporary name and renamed, as a careful writer does. */
    private static void write(Path desired, List<String> customers, Map<String, String> companies) throws Exception {
        Path temp = desired.resolveSibling("desired.json.tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            out.write("[\n");
            for (int i = 0; i < customers.size(); i++) {
                out.write((i == 0 ? "" : ",\n") + "{\"customerId\":\"" + customers.get(i) + "\",\"changes\":{\"companyName\":\""
                        + companies.get(customers.get(i)) + "\"}}");
            }
            out.write("\n]\n");
        }
        Files.move(temp, desired, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static SyncService start(PartnerCenterSandbox sandbox, Path run, Path desired, Duration interval) throws Exception {
        SyncService service = SyncBenchmark.service(sandbox, run, Map.of("sync.desired-state.file", desired.toString(),
                "sync.desired-state.period", PERIOD.toSeconds() + "s",
                "sync.desired-state.drift-check-interval", interval.toSeconds() + "s"));
        service.start();
        return service;
    }

    private static void awaitRecords(Path done, int count, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (count(done) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no tick recorded within " + limit);
            }
            Thread.sleep(100);
        }
    }

    private static int count(Path done) throws Exception {
        if (!Files.isDirectory(done)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(done)) {
            return (int) files.filter(p -> p.getFileName().toString().startsWith("desired-state-")).count();
        }
    }

    private static JsonNode lastRecord(Path done) throws Exception {
        try (Stream<Path> files = Files.list(done)) {
            Path last = files.filter(p -> p.getFileName().toString().startsWith("desired-state-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
            return JSON.readTree(last.toFile());
        }
    }

    private static Instant started(JsonNode record) {
        return Instant.parse(record.path("started").asText());
    }

    private static double load() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
