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
 * Whole-process figures of the jar: peak RSS and heap on a 1,000,000-line NDJSON file and on a 60 MB JSON array
 * with -Xmx256m, and the time from launch to ready. Run with {@code mvn -B -Pbench verify}; figures in target/benchmarks/.
 */
@Tag("bench")
class MemoryAndStartupBenchmarkIT {
    static final Pattern GC_AFTER = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @TempDir
    Path root;

    /** What one --once run of the jar on one big file took; the rate between its result record's start and end stamps. */
    record Figures(double seconds, long peakRssMb, long peakHeapMb, long resultKb, double changesPerSecond) {
    }

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
                    out.write(change(customers, i) + "\n");
                }
            }
            long fileBytes = Files.size(file);
            Figures f = runOnce(sandbox, root, file, lines);
            write("memory.md", String.format("| %d lines (%d MB) | -Xmx256m | %.0f s (%.0f changes/s) | peak RSS %d MB | peak heap before GC %d MB | result record %d KB |%n",
                    lines, fileBytes >> 20, f.seconds(), lines / f.seconds(), f.peakRssMb(), f.peakHeapMb(), f.resultKb()));
        }
    }

    /** A JSON array just under the 64 MiB a document may have: read element by element, like NDJSON. */
    @Test
    void sixtyMegabyteJsonArrayWithin256MegabytesOfHeap() throws Exception {
        long targetBytes = Long.getLong("bench.array-bytes", 60_000_000L);
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            sandbox.recordRequests(false);
            List<String> customers = sandbox.addCustomers(1000);
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            Path file = inbox.resolve("array.json");
            int elements = 0;
            try (CountingWriter out = new CountingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                out.write("[\n");
                while (out.written < targetBytes) {
                    out.write((elements == 0 ? "  " : ",\n  ") + change(customers, elements));
                    elements++;
                }
                out.write("\n]\n");
            }
            long fileBytes = Files.size(file);
            Figures f = runOnce(sandbox, root, file, elements);
            write("memory-array.md", String.format("| JSON array, %d elements (%d MB) | -Xmx256m | %.0f s (%.0f changes/s) | peak RSS %d MB | peak heap before GC %d MB | result record %d KB |%n",
                    elements, fileBytes / 1_000_000, f.seconds(), elements / f.seconds(), f.peakRssMb(), f.peakHeapMb(), f.resultKb()));
        }
    }

    /**
     * A CSV export (`;`, Windows-1252, German headers) read through a mapping, next to the same kind of changes as
     * NDJSON, each on a fresh folder set: peak heap and changes per second at 0 ms.
     */
    @Test
    void millionRowCsvThroughAMappingNextToTheSameChangesAsNdjson() throws Exception {
        int rows = Integer.getInteger("bench.lines", 1_000_000);
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            sandbox.recordRequests(false);
            List<String> customers = sandbox.addCustomers(1000);
            Path plain = Files.createDirectories(root.resolve("ndjson"));
            Path ndjson = Files.createDirectories(plain.resolve("inbox")).resolve("million.ndjson");
            try (BufferedWriter out = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8)) {
                for (int i = 0; i < rows; i++) {
                    out.write("{\"customerId\":\"" + customers.get(i % 1000) + "\",\"changeId\":\"N-" + i
                            + "\",\"changes\":{\"companyName\":\"Müller " + i + "\"}}\n");
                }
            }
            Path mapped = Files.createDirectories(root.resolve("csv"));
            Path mapping = Files.writeString(mapped.resolve("bench-mapping.yaml"), """
                    format: csv
                    csv:
                      delimiter: ";"
                      charset: windows-1252
                    fields:
                      customerId: Mandanten-ID
                      changeId: Änderungsbeleg
                      companyName: Firma
                    """, StandardCharsets.UTF_8);
            Path csv = Files.createDirectories(mapped.resolve("inbox")).resolve("million.csv");
            try (BufferedWriter out = Files.newBufferedWriter(csv, java.nio.charset.Charset.forName("windows-1252"))) {
                out.write("Mandanten-ID;Änderungsbeleg;Firma\r\n");
                for (int i = 0; i < rows; i++) {
                    out.write(customers.get(i % 1000) + ";C-" + i + ";Mayer & Söhne " + i + "\r\n");
                }
            }
            long ndjsonMb = Files.size(ndjson) >> 20;
            long csvMb = Files.size(csv) >> 20;
            Figures n = runOnce(sandbox, plain, ndjson, rows);
            Figures c = runOnce(sandbox, mapped, csv, rows, "sync.mappings = *.csv=" + mapping);
            write("mapping.md", String.format("| NDJSON, %d changes (%d MB) | -Xmx256m | %.0f changes/s | peak heap before GC %d MB | peak RSS %d MB |%n"
                    + "| CSV through a mapping, %d rows (%d MB) | -Xmx256m | %.0f rows/s (%.2f of NDJSON) | peak heap before GC %d MB | peak RSS %d MB |%n",
                    rows, ndjsonMb, n.changesPerSecond(), n.peakHeapMb(), n.peakRssMb(),
                    rows, csvMb, c.changesPerSecond(), c.changesPerSecond() / n.changesPerSecond(),
                    c.peakHeapMb(), c.peakRssMb()));
        }
    }

    private static String change(List<String> customers, int i) {
        return "{\"customerId\":\"" + customers.get(i % 1000) + "\",\"changeId\":\"M-" + i
                + "\",\"changes\":{\"companyName\":\"Million " + i + "\"}}";
    }

    /**
     * Runs the jar with -Xmx256m --once on the file in the inbox of the folder set under {@code dir}, with these
     * settings added; checks that every change was applied.
     */
    private Figures runOnce(PartnerCenterSandbox sandbox, Path dir, Path file, int changes, String... settings) throws Exception {
        Path config = config(sandbox, dir, 16, settings);
        Path log = dir.resolve("service.log");
        Path gcLog = dir.resolve("gc-" + file.getFileName() + ".log");
        long started = System.nanoTime();
        long peakRssKb = 0;
        try (ServiceProcess service = ServiceProcess.start(config, log,
                Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken(), "JAVA_TOOL_OPTIONS", "-Xlog:gc:file=" + gcLog), "--once")) {
            while (service.isAlive()) {
                peakRssKb = Math.max(peakRssKb, vmHwmKb(service.pid()));
                Thread.sleep(500);
            }
            assertThat(service.awaitExit(10)).isZero();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Path result = dir.resolve("done").resolve(file.getFileName() + ".result.json");
        JsonNode record = new ObjectMapper().readTree(result.toFile());
        assertThat(record.path("summary").path("applied").asInt()).isEqualTo(changes);
        double busy = java.time.Duration.between(java.time.Instant.parse(record.path("started").asText()),
                java.time.Instant.parse(record.path("finished").asText())).toMillis() / 1000.0;
        return new Figures(seconds, peakRssKb / 1024, peakHeapInUseMb(gcLog), Files.size(result) >> 10, changes / busy);
    }

    /** The most heap in use before a collection, from a {@code -Xlog:gc} file. */
    static long peakHeapInUseMb(Path gcLog) throws java.io.IOException {
        return peakHeapMb(gcLog, 1);
    }

    /** The most heap left in use after a collection (what was reachable then), from a {@code -Xlog:gc} file. */
    static long peakHeapAfterCollectionMb(Path gcLog) throws java.io.IOException {
        return peakHeapMb(gcLog, 2);
    }

    private static long peakHeapMb(Path gcLog, int group) throws java.io.IOException {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_AFTER.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(group)));
            }
        }
        return peak;
    }

    /** Counts the characters written (ASCII here, so bytes too). */
    private static final class CountingWriter extends java.io.FilterWriter {
        long written;

        CountingWriter(java.io.Writer out) {
            super(out);
        }

        @Override
        public void write(String text) throws java.io.IOException {
            out.write(text);
            written += text.length();
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

    private static Path config(PartnerCenterSandbox sandbox, Path dir, int concurrency, String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of("partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.inbox.poll-interval = 200ms", "sync.concurrency = " + concurrency));
        all.addAll(List.of(settings));
        return ServiceProcess.writeConfig(dir, all.toArray(String[]::new));
    }

    /** The process's peak resident set so far (0 once it ended). */
    static long vmHwmKb(long pid) {
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
