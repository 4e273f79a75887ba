package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A desired-state file of 100,000 customers on the jar with -Xmx256m: the first tick applies every customer, the
 * ticks after read only their share; peak heap in use (from the GC log), peak RSS and each tick's time. Run with
 * {@code mvn -B -Pbench verify} ({@code -Dbench.jar=PATH} runs another build's jar); figures in
 * target/benchmarks/desired-state-memory.md.
 */
@Tag("bench")
class DesiredStateMemoryBenchmarkIT {
    static final int CUSTOMERS = Integer.getInteger("bench.desired.big", 100_000);
    static final int TICKS = 6;

    @TempDir
    Path root;

    @Test
    void hundredThousandCustomersWithin256MegabytesOfHeap() throws Exception {
        // -Dbench.jar=PATH: another build's jar (the version before, for a comparison)
        if (System.getProperty("bench.jar") != null) {
            System.setProperty("sync.jar", System.getProperty("bench.jar"));
        }
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            sandbox.recordRequests(false);
            List<String> customers = sandbox.addCustomers(CUSTOMERS);
            Path desired = root.resolve("desired.json");
            try (BufferedWriter out = Files.newBufferedWriter(desired, StandardCharsets.UTF_8)) {
                out.write("[\n");
                for (int i = 0; i < CUSTOMERS; i++) {
                    out.write((i == 0 ? "" : ",\n") + "{\"customerId\":\"" + customers.get(i)
                            + "\",\"changes\":{\"companyName\":\"Desired " + i + "\",\"email\":\"desired" + i + "@example.com\"}}");
                }
                out.write("\n]\n");
            }
            Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                    "sync.concurrency = 16", "sync.desired-state.file = " + desired, "sync.desired-state.period = 5s",
                    "sync.log.level = WARN");
            Path gcLog = root.resolve("gc.log");
            Path done = root.resolve("done");
            double loadBefore = load();
            long peakRssKb = 0;
            List<String> storeSizes = new ArrayList<>();
            try (ServiceProcess service = ServiceProcess.start(config, root.resolve("service.log"),
                    Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken(), "JAVA_TOOL_OPTIONS", "-Xlog:gc:file=" + gcLog + ":time"))) {
                Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
                while (records(done).size() < TICKS) {
                    assertThat(service.isAlive()).as("the service runs").isTrue();
                    assertThat(Instant.now()).as(TICKS + " ticks within 30 minutes").isBefore(deadline);
                    peakRssKb = Math.max(peakRssKb, MemoryAndStartupBenchmarkIT.vmHwmKb(service.pid()));
                    if (storeSizes.size() < records(done).size()) {
                        storeSizes.add((Files.size(root.resolve("work").resolve("history.mv.db")) >> 20) + " MB");
                    }
                    Thread.sleep(500);
                }
                assertThat(service.terminate(60)).isZero();
            }
            List<Path> ticks = records(done);
            JsonNode first = new ObjectMapper().readTree(ticks.get(0).toFile());
            assertThat(first.path("summary").path("applied").asInt()).isEqualTo(CUSTOMERS);
            List<String> tickTimes = new ArrayList<>();
            for (Path tick : ticks) {
                JsonNode record = new ObjectMapper().readTree(tick.toFile());
                assertThat(record.path("summary").path("total").asInt()).isEqualTo(CUSTOMERS);
                tickTimes.add(String.format(java.util.Locale.ROOT, "%.1f s", Duration.between(
                        Instant.parse(record.path("started").asText()), Instant.parse(record.path("finished").asText())).toMillis() / 1000.0));
            }
            long peakHeapMb = MemoryAndStartupBenchmarkIT.peakHeapInUseMb(gcLog);
            long peakAfterCollectionMb = MemoryAndStartupBenchmarkIT.peakHeapAfterCollectionMb(gcLog);
            String row = String.format(java.util.Locale.ROOT, "| %,d customers (%d MB file) | -Xmx256m | %s | peak heap in use %d MB, after a collection %d MB | peak RSS %d MB | store after each tick: %s; at the end %d MB | a tick's record %d MB | load (1 min) %.1f / %.1f |%n",
                    CUSTOMERS, Files.size(desired) >> 20, String.join(", ", tickTimes), peakHeapMb, peakAfterCollectionMb, peakRssKb / 1024,
                    String.join(", ", storeSizes), Files.size(root.resolve("work").resolve("history.mv.db")) >> 20, Files.size(ticks.get(ticks.size() - 1)) >> 20,
                    loadBefore, load());
            Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve("desired-state-memory.md");
            Files.writeString(out, row);
            // kept to tell the heap of the first tick (every customer applied) from that of the ticks after
            Files.copy(gcLog, out.resolveSibling("desired-state-memory-gc.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.print(row);
        }
    }

    private static List<Path> records(Path done) throws Exception {
        if (!Files.isDirectory(done)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.filter(p -> p.getFileName().toString().startsWith("desired-state-")).sorted().toList();
        }
    }

    private static double load() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
