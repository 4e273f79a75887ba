package io.billingsync.bench;

import io.billingsync.config.SettingsLoader;
import io.billingsync.config.SyncSettings;
import io.billingsync.config.TokenProviders;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.service.SyncService;
import io.billingsync.sftp.SftpTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 small change files on an SFTP server on loopback, fetched and processed by the service against the sandbox
 * (0 ms): files per second until every file is off the server, and until every file is processed. Run with
 * {@code mvn -B -Pbench verify -Dtest=SftpBenchmark}; figures go to target/benchmarks/sftp.md and docs/BENCHMARKS.md.
 */
@Tag("bench")
class SftpBenchmark {
    static final int FILES = Integer.getInteger("bench.sftp.files", 10_000);

    @TempDir
    Path root;

    @Test
    void tenThousandSmallFilesFetchedAndProcessed() throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults());
             SftpTestServer sftp = SftpTestServer.start(root.resolve("sftp"), root.resolve("host-key"))) {
            List<String> customers = sandbox.addCustomers(100);
            Path upload = Files.createDirectories(sftp.root.resolve("upload"));
            for (int i = 0; i < FILES; i++) {
                Files.writeString(upload.resolve(String.format("erp-%05d.json", i)), "{\"customerId\":\""
                        + customers.get(i % customers.size()) + "\",\"changes\":{\"companyName\":\"C" + i + "\"}}\n");
            }
            Map<String, String> values = new HashMap<>();
            values.put("partnercenter.base-url", sandbox.baseUrl().toString());
            values.put("partnercenter.token", sandbox.staticToken());
            values.put("sync.inbox", root.resolve("inbox").toString());
            values.put("sync.done", root.resolve("done").toString());
            values.put("sync.dead-letter", root.resolve("dead-letter").toString());
            values.put("sync.work", root.resolve("work").toString());
            values.put("sync.inbox.quiet-period", "100ms");
            values.put("sync.inbox.poll-interval", "100ms");
            values.put("sync.sftp.host", "127.0.0.1");
            values.put("sync.sftp.port", String.valueOf(sftp.port()));
            values.put("sync.sftp.user", SftpTestServer.USER);
            values.put("sync.sftp.known-hosts-file", sftp.writeKnownHosts(root.resolve("known_hosts")).toString());
            values.put("sync.sftp.remote-folder", "upload");
            values.put("sync.sftp.stable-after", "500ms");
            values.put("sync.sftp.poll-interval", "500ms");
            values.put("camel.management.enabled", "false");
            values.put("camel.metrics.enabled", "false");
            Properties properties = new SettingsLoader(Map.of("SYNC_SFTP_PASSWORD", SftpTestServer.PASSWORD),
                    new Properties()).load(Path.of("config", "application.properties"), values);
            SyncSettings settings = SyncSettings.from(properties);
            Instant start = Instant.now();
            Instant fetched = null;
            try (SyncService service = new SyncService(settings, properties, TokenProviders.create(settings), Clock.systemUTC())) {
                service.start();
                Path done = root.resolve("done");
                while (count(done, ".result.json") < FILES) {
                    if (fetched == null && count(upload, ".json") == 0) {
                        fetched = Instant.now();
                    }
                    if (Duration.between(start, Instant.now()).toMinutes() > 30) {
                        throw new AssertionError("not done after 30 minutes: " + count(done, ".result.json"));
                    }
                    Thread.sleep(200);
                }
            }
            Instant end = Instant.now();
            if (fetched == null) {
                fetched = end;
            }
            double fetchSeconds = Duration.between(start, fetched).toMillis() / 1000.0;
            double allSeconds = Duration.between(start, end).toMillis() / 1000.0;
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
            List<String> rows = List.of(
                    "| files | off the server after | fetched files/s | all processed after | processed files/s | load average before / after |",
                    "|---|---|---|---|---|---|",
                    String.format("| %d | %.1f s | %.0f | %.1f s | %.0f | %s / %s |", FILES, fetchSeconds, FILES / fetchSeconds,
                            allSeconds, FILES / allSeconds, loadBefore.substring(0, loadBefore.indexOf(' ', 10)),
                            loadAfter.substring(0, loadAfter.indexOf(' ', 10))));
            rows.forEach(System.out::println);
            Path out = Files.createDirectories(Path.of("target", "benchmarks")).resolve("sftp.md");
            Files.write(out, rows);
            if (sandbox.requests().stream().filter(r -> r.method().equals("PUT")).count() != FILES) {
                throw new AssertionError("each file's change once: " + sandbox.requests().size() + " requests");
            }
        }
    }

    private static long count(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }
}
