package io.billingsync.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests per change with the address checks off, with the country rules (the default), with the rules already
 * kept in the work folder, and with address validation on too: 250 customers x 4 adjacent changes, every other one
 * setting an address in one of 7 countries, the sandbox at 20 ms, concurrency 8, one write per customer
 * (coalescing 8) and one write per change. Figures go to target/benchmarks/address-checks.md and docs/BENCHMARKS.md.
 */
@Tag("bench")
class AddressChecksBenchmark {
    static final int CUSTOMERS = 250;
    static final int PER_CUSTOMER = 4;
    static final int LATENCY_MS = 20;
    static final int CONCURRENCY = 8;
    /** An address each country's rules in the sandbox accept: country, state, postal code, city. */
    static final List<String[]> ADDRESSES = List.of(new String[] {"US", "WA", "98052", "Redmond"},
            new String[] {"CA", "ON", "M5V 2T6", "Toronto"}, new String[] {"MX", "JA", "44100", "Guadalajara"},
            new String[] {"CN", "BJ", "100000", "Beijing"}, new String[] {"DE", null, "10115", "Berlin"},
            new String[] {"PT", null, "1100-148", "Lisboa"}, new String[] {"TR", null, "34000", "Istanbul"});

    @TempDir
    Path root;

    record Run(String name, double changesPerSecond, long requests, long rulesReads, long validations) {
    }

    @Test
    void requestsPerChangeWithEachAddressCheck() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("machine load (1, 5, 15 min) before: " + load());
        rows.add("");
        rows.add("| case | coalescing | changes | requests | requests/change | country rules reads | validations | changes/s |");
        rows.add("|---|---|---|---|---|---|---|---|");
        int count = CUSTOMERS * PER_CUSTOMER;
        for (String coalescing : new String[] {"8", "1"}) {
            Map<String, String> base = Map.of("sync.coalesce.max-changes", coalescing);
            rows.add(row(measure("no address checks", with(base, "sync.country-rules", "false"), null), coalescing, count));
            Path kept = root.resolve("kept-" + coalescing);
            rows.add(row(measure("country rules (default), none kept yet", base, kept), coalescing, count));
            rows.add(row(measure("country rules, kept from the run before", base, kept), coalescing, count));
            rows.add(row(measure("country rules and address validation", with(base, "sync.address-validation", "true"), null),
                    coalescing, count));
            rows.forEach(System.out::println);
        }
        rows.add("");
        rows.add("machine load (1, 5, 15 min) after: " + load());
        Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve("address-checks.md");
        Files.write(out, rows);
        System.out.println(String.join("\n", rows));
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> settings = new HashMap<>(base);
        settings.put(name, value);
        return settings;
    }

    private static String row(Run r, String coalescing, int count) {
        return String.format(java.util.Locale.ROOT, "| %s | %s | %d | %d | %.3f | %d | %d | %.0f |", r.name(), coalescing,
                count, r.requests(), (double) r.requests() / count, r.rulesReads(), r.validations(), r.changesPerSecond());
    }

    /** @param keptRules where the run's country rules are kept for the next run (copied in first when there); null: none */
    private Run measure(String name, Map<String, String> settings, Path keptRules) throws Exception {
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            List<String> customers = sandbox.addCustomers(CUSTOMERS);
            sandbox.setLatency(Duration.ofMillis(LATENCY_MS));
            Path run = Files.createTempDirectory(root, "run-");
            Path rules = run.resolve("work").resolve("country-rules");
            if (keptRules != null && Files.isDirectory(keptRules)) {
                copy(keptRules, Files.createDirectories(rules));
            }
            writeChanges(Files.createDirectories(run.resolve("inbox")).resolve("bench.ndjson"), customers);
            double[] service = SyncBenchmark.runService(sandbox, run, CONCURRENCY, CUSTOMERS * PER_CUSTOMER, LATENCY_MS, settings);
            if (keptRules != null && !Files.isDirectory(keptRules)) {
                copy(rules, Files.createDirectories(keptRules));
            }
            long rulesReads = sandbox.requests().stream().filter(r -> r.path().startsWith("/v1/countryvalidationrules/")).count();
            long validations = sandbox.requests().stream().filter(r -> r.path().equals("/v1/validations/address")).count();
            return new Run(name, service[0], sandbox.counts().requests(), rulesReads, validations);
        }
    }

    private static void writeChanges(Path file, List<String> customers) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 0; c < customers.size(); c++) {
                String[] address = ADDRESSES.get(c % ADDRESSES.size());
                for (int j = 0; j < PER_CUSTOMER; j++) {
                    ObjectNode changes = SyncBenchmark.JSON.createObjectNode();
                    if (j % 2 == 0) {
                        ObjectNode set = changes.putObject("defaultAddress").put("country", address[0])
                                .put("postalCode", address[2]).put("city", address[3]).put("addressLine1", j + " Bench Street " + c);
                        set.put("state", address[1]);
                    } else {
                        changes.put("email", "bench" + c + "-" + j + "@example.com");
                    }
                    out.write(SyncBenchmark.JSON.writeValueAsString(Map.of("customerId", customers.get(c), "changes", changes)));
                    out.write('\n');
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip() + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "(not readable here)";
        }
    }
}
