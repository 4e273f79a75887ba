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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-process figures of the jar: peak RSS and heap on a 1,000,000-line NDJSON file with -Xmx256m, and the
 * time from launch to ready. Run with {@code mvn -B -Pbench verify}; figures in target/benchmarks/.
 */
@Tag("bench")
class MemoryAndStartupBenchmarkIT {
    static final Pattern GC_AFTER = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @TempDir
    Path root;

    @Test
    void millionLineFileWithin256MegabytesOfHeap() throws Exception {
        int lines = Integer.getInteger("bench.lines", 1_000_000);
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            sandbox.recordRequests(false);
            List<String> customers = sandbox.addCustomers(1000);
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            Path file = inbox.resolve("million.ndjson");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < lines; i++) {
                    out.write("{\"customerId\":\"" + customers.get(i % 1000) + "\",\"changeId\":\"M-" + i
                            + "\",\"changes\":{\"companyName\":\"Million " + i + "\"}}\n");
                }
            }
            long fileBytes = Files.size(file);
            Path config = config(sandbox, root, 16);
            Path log = root.resolve("service.log");
            long started = System.nanoTime();
            long peakRssKb = 0;
            try (ServiceProcess service = ServiceProcess.start(config, log,
                    Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken(),
                            "JAVA_TOOL_OPTIONS", "-Xlog:gc:file=" + root.resolve("gc.log")), "--once")) {
                while (service.isAlive()) {
                    peakRssKb = Math.max(peakRssKb, vmHwmKb(service.pid()));
                    Thread.sleep(500);
                }
                assertThat(service.awaitExit(10)).isZero();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            JsonNode result = new ObjectMapper().readTree(root.resolve("done").resolve("million.ndjson.result.json").toFile());
            assertThat(result.path("summary").path("applied").asInt()).isEqualTo(lines);
            long maxHeapUsedMb = 0;
            for (String line : Files.readAllLines(root.resolve("gc.log"))) {
                Matcher m = GC_AFTER.matcher(line);
                if (m.find()) {
                    maxHeapUsedMb = Math.max(maxHeapUsedMb, Long.parseLong(m.group(1)));
                }
            }
            String figures = String.format("| %d lines (%d MB) | -Xmx256m | %.0f s (%.0f changes/s) | peak RSS %d MB | peak heap before GC %d MB | result record %d KB |%n",
                    lines, fileBytes >> 20, seconds, lines / seconds, peakRssKb / 1024, maxHeapUsedMb,
                    Files.size(root.resolve("done").resolve("million.ndjson.result.json")) >> 10);
            write("memory.md", figures);
        }
    }

    @Test
    void startupToReady() throws Exception {
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            List<Double> seconds = new ArrayList<>();
            for (int run = 0; run < 5; run++) {
                Path dir = Files.createDirectories(root.resolve("start-" + run));
                Path log = dir.resolve("service.log");
                long started = System.nanoTime();
                try (ServiceProcess service = ServiceProcess.start(config(sandbox, dir, 4), log,
                        Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken()))) {
                    while (!Files.exists(log) || !Files.readString(log).contains("started in")) {
                        assertThat(service.isAlive()).isTrue();
                        Thread.sleep(20);
                    }
                    seconds.add((System.nanoTime() - started) / 1e9);
                    assertThat(service.terminate(30)).isZero();
                }
            }
            Collections.sort(seconds);
            write("startup.md", String.format("| launch to ready (Camel \"started\", routes up) | median %.2f s | min %.2f s | max %.2f s | 5 runs |%n",
                    seconds.get(2), seconds.get(0), seconds.get(4)));
        }
    }

    private static Path config(PartnerCenterSandbox sandbox, Path dir, int concurrency) throws Exception {
        return ServiceProcess.writeConfig(dir, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.inbox.poll-interval = 200ms", "sync.concurrency = " + concurrency);
    }

    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception gone) {
            // the process ended between two looks
        }
        return 0;
    }

    private static void write(String name, String figures) throws Exception {
        Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve(name);
        Files.writeString(out, figures);
        System.out.print(figures);
    }
}
