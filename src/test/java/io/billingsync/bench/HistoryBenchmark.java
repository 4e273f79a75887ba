package io.billingsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.history.ChangeHistory;
import io.billingsync.history.FieldWriter;
import io.billingsync.history.SettledChangeId;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the change history costs: the service's rate at 0 ms with it on and off, side by side, and the store's heap
 * at 100,000 customers x 10 fields in a JVM limited to 256 MB. Figures go to target/benchmarks/history.md.
 */
@Tag("bench")
class HistoryBenchmark {
    static final int CUSTOMERS = 1000;
    static final int CHANGES = Integer.getInteger("bench.history.changes", 10_000);
    static final int RUNS = Integer.getInteger("bench.repeat", 3);
    static final int STORE_CUSTOMERS = 100_000;
    static final int FIELDS = 10;
    /** What each settled id is remembered with: a digest of its change's content, 22 characters. */
    static final String DIGEST = "0123456789abcdefABCDEF";

    @TempDir
    Path root;

    @Test
    void perChangeCostWithTheHistoryOnAndOff() throws Exception {
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        List<Double> cpuOn = new ArrayList<>();
        List<Double> cpuOff = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            List<String> customers = sandbox.addCustomers(CUSTOMERS);
            // the first pair warms the JVM up (JIT, class loading) and is not counted
            for (int r = 0; r < RUNS * 2 + 2; r++) {
                boolean history = r % 2 == 1;
                Path run = Files.createTempDirectory(root, "run-" + r + "-");
                Path inbox = Files.createDirectories(run.resolve("inbox"));
                try (BufferedWriter out = Files.newBufferedWriter(inbox.resolve("bench.ndjson"), StandardCharsets.UTF_8)) {
                    for (int i = 0; i < CHANGES; i++) {
                        out.write("{\"customerId\":\"" + customers.get(i % CUSTOMERS) + "\",\"changeId\":\"R" + r + "-" + i
                                + "\",\"changes\":{\"companyName\":\"R" + r + " " + i + "\",\"email\":\"r" + r + "." + i
                                + "@example.com\"}}\n");
                    }
                }
                sandbox.clearRequests();
                long cpuBefore = os.getProcessCpuTime();
                double rate = SyncBenchmark.runService(sandbox, run, 4, CHANGES, 0,
                        Map.of("sync.history", String.valueOf(history)))[0];
                double cpuMicrosPerChange = (os.getProcessCpuTime() - cpuBefore) / 1e3 / CHANGES;
                if (r >= 2) {
                    (history ? on : off).add(rate);
                    (history ? cpuOn : cpuOff).add(cpuMicrosPerChange);
                }
            }
        }
        // each on run against the off run just before it: the machine's load drifts less within a pair than
        // across the whole benchmark
        List<Double> added = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            added.add(100 * (off.get(i) / on.get(i) - 1));
        }
        String runs = String.join(", ", IntStream.range(0, RUNS)
                .mapToObj(i -> String.format("%.0f/%.0f", off.get(i), on.get(i))).toList());
        added.sort(Double::compare);
        on.sort(Double::compare);
        off.sort(Double::compare);
        double medianOn = on.get(on.size() / 2);
        double medianOff = off.get(off.size() / 2);
        String row = String.format("| 0 ms | 4 | %d | %d | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.3f | %.1f%% | %.1f%% (%.1f to %.1f%%) | %s |",
                CHANGES, RUNS, medianOff, off.get(0), off.get(off.size() - 1), medianOn, on.get(0), on.get(on.size() - 1),
                1000.0 / medianOn - 1000.0 / medianOff, 100 * (medianOff / medianOn - 1), added.get(added.size() / 2),
                added.get(0), added.get(added.size() - 1), runs);
        cpuOn.sort(Double::compare);
        cpuOff.sort(Double::compare);
        double medianCpuOn = cpuOn.get(RUNS / 2);
        double medianCpuOff = cpuOff.get(RUNS / 2);
        String cpu = String.format("| %d | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.1f%% |", RUNS, medianCpuOff, cpuOff.get(0),
                cpuOff.get(RUNS - 1), medianCpuOn, cpuOn.get(0), cpuOn.get(RUNS - 1), 100 * (medianCpuOn / medianCpuOff - 1));
        write("| sandbox latency | concurrency | changes | runs each | history off changes/s (range) | history on changes/s (range)"
                + " | added ms per change (medians) | added cost (medians) | added cost per off/on pair, median (range)"
                + " | pairs, off/on changes/s |\n|---|---|---|---|---|---|---|---|---|---|\n" + row + "\n\n"
                + "CPU time of the whole process (service, sandbox, start and stop) per change:\n\n"
                + "| runs each | history off µs per change (range) | history on µs per change (range) | added CPU (medians) |\n"
                + "|---|---|---|---|\n" + cpu + "\n", "history-cost.md");
        assertThat(on).hasSize(RUNS);
    }

    /**
     * The store's own work per change, without the service around it (so without most of the shared machine's
     * noise): the screen's reads (the customer's fields, the change id) and the remember's write, committed once per
     * change (the earlier design) or together, by the store's background writer and once at the end (the shipped one).
     */
    @Test
    void storeWorkPerChangeCommittedEachOrBatched() throws Exception {
        List<Double> each = new ArrayList<>();
        List<Double> batched = new ArrayList<>();
        for (int r = 0; r < RUNS * 2; r++) {
            boolean commitEach = r % 2 == 0;
            Path work = Files.createDirectories(root.resolve("store-" + r));
            try (ChangeHistory history = ChangeHistory.open(work, work.resolve("no-done"))) {
                long file = history.fileNumber("bench.ndjson");
                long started = System.nanoTime();
                for (int i = 0; i < CHANGES; i++) {
                    String customer = String.format("%08d-0000-4000-8000-000000000000", i % CUSTOMERS);
                    long sequence = file * ChangeHistory.FILE_STRIDE + i;
                    history.fieldsOf(customer);
                    history.settled("R" + r + "-" + i, Instant.EPOCH);
                    FieldWriter writer = new FieldWriter(sequence, null, "R" + r + "-" + i, "bench.ndjson #" + i);
                    history.remember(customer, Map.of("companyname", writer, "email", writer), "R" + r + "-" + i,
                            new SettledChangeId(Instant.now(), sequence, "bench.ndjson #" + i, DIGEST));
                    if (commitEach) {
                        history.commit();
                    }
                }
                history.commit();
                (commitEach ? each : batched).add((System.nanoTime() - started) / 1e3 / CHANGES);
            }
        }
        each.sort(Double::compare);
        batched.sort(Double::compare);
        write(String.format("| changes | runs each | committed each change, µs per change (range) | committed together, µs per change (range) |%n"
                        + "|---|---|---|---|%n| %d | %d | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) |%n", CHANGES, RUNS,
                each.get(each.size() / 2), each.get(0), each.get(each.size() - 1),
                batched.get(batched.size() / 2), batched.get(0), batched.get(batched.size() - 1)), "history-store-work.md");
        assertThat(batched).hasSize(RUNS);
    }

    @Test
    void storeOf100000CustomersX10FieldsIn256MegabytesOfHeap() throws Exception {
        Path store = Files.createDirectories(root.resolve("work"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Fill.class.getName(), store.toString());
        Path output = root.resolve("fill.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
        String figures = Files.readString(output);
        assertThat(process.exitValue()).as(figures).isZero();
        write(figures, "history-memory.md");
    }

    private static void write(String text, String name) throws Exception {
        Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve(name);
        Files.writeString(out, text);
        System.out.println(text);
    }

    /** Fills a store as 100,000 customers x 10 fields would, with a change id each, then reads every customer back. */
    public static final class Fill {
        public static void main(String[] args) throws Exception {
            Path work = Path.of(args[0]);
            long started = System.nanoTime();
            try (ChangeHistory history = ChangeHistory.open(work, work.resolve("no-done"))) {
                long file = history.fileNumber("fill.ndjson");
                for (int c = 0; c < STORE_CUSTOMERS; c++) {
                    String customer = String.format("%08d-0000-4000-8000-000000000000", c);
                    long sequence = file * ChangeHistory.FILE_STRIDE + c;
                    Map<String, FieldWriter> set = new LinkedHashMap<>();
                    for (int f = 0; f < FIELDS; f++) {
                        set.put("defaultaddress.field" + f, new FieldWriter(sequence, "2026-11-25T09:00:00Z", "ERP-" + c,
                                "fill.ndjson #" + c));
                    }
                    history.remember(customer, set, "ERP-" + c, new SettledChangeId(Instant.now(), sequence, "fill.ndjson #" + c, DIGEST));
                    history.commit();
                }
                double fillSeconds = (System.nanoTime() - started) / 1e9;
                long readStarted = System.nanoTime();
                for (int c = 0; c < STORE_CUSTOMERS; c++) {
                    if (history.fieldsOf(String.format("%08d-0000-4000-8000-000000000000", c)).size() != FIELDS) {
                        throw new IllegalStateException("customer " + c + " lost fields");
                    }
                }
                double readSeconds = (System.nanoTime() - readStarted) / 1e9;
                System.gc();
                long usedAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                System.out.printf("| customers x fields | heap limit | fill (one commit per customer) | read every customer |"
                        + " peak heap (sum of pool peaks) | heap after GC | store file |%n|---|---|---|---|---|---|---|%n"
                        + "| %,d x %d | `-Xmx256m` | %.1f s (%.0f/s) | %.1f s | %d MB | %d MB | %d MB |%n",
                        STORE_CUSTOMERS, FIELDS, fillSeconds, STORE_CUSTOMERS / fillSeconds, readSeconds, peak >> 20,
                        usedAfterGc >> 20, Files.size(work.resolve(ChangeHistory.FILE_NAME)) >> 20);
            }
        }
    }
}
