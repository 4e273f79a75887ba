package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a scrape of /observe/metrics costs with 100,000 dead letters present, over HTTP from a running service, and
 * what one count of the folder costs (the first, which reads every error record; then one after a new dead letter).
 * {@code mvn -B -Pbench verify}; figures go to target/benchmarks/dead-letter-scrape.md and docs/BENCHMARKS.md.
 */
@Tag("bench")
@ExtendWith(SyncServiceExtension.class)
class DeadLetterScrapeBenchmark {
    static final int DEAD_LETTERS = Integer.getInteger("bench.dead-letters", 100_000);
    static final String CATEGORIES[] = {"invalid", "rejected", "not-found", "unavailable"};

    SyncHarness harness;

    @Test
    void scrapeWithAHundredThousandDeadLetters() throws Exception {
        Files.createDirectories(harness.deadLetter);
        for (int i = 0; i < DEAD_LETTERS; i++) {
            Path change = harness.deadLetter.resolve(String.format("erp-%06d.0.json", i));
            Files.writeString(change, "{\"customerId\":\"c\",\"changes\":{}}", StandardCharsets.UTF_8);
            Files.writeString(harness.deadLetter.resolve(change.getFileName() + ".error.json"), "{\"category\":\""
                    + CATEGORIES[i % CATEGORIES.length] + "\",\"message\":\"m\",\"attempts\":1,\"time\":\""
                    + Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i) + "\",\"customerId\":\"c\"}");
        }
        ManagementPort port = new ManagementPort();
        long started = System.nanoTime();
        harness.start(port.settings("camel.metrics.enabled", "true", "sync.status.refresh-interval", "1s"));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                port.get("/observe/metrics").body().contains("billing_sync_dead_letters{category=\"invalid\"} " + DEAD_LETTERS / 4 + ".0"));
        double firstCount = (System.nanoTime() - started) / 1e9;

        List<Double> scrapes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long t = System.nanoTime();
            String body = port.get("/observe/metrics").body();
            scrapes.add((System.nanoTime() - t) / 1e6);
            assertThat(body).contains("billing_sync_dead_letters");
        }
        Collections.sort(scrapes);
        Files.writeString(harness.deadLetter.resolve("new.0.json"), "{}");
        Files.writeString(harness.deadLetter.resolve("new.0.json.error.json"), "{\"category\":\"conflict\"}");
        long t = System.nanoTime();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() ->
                port.get("/observe/metrics").body().contains("billing_sync_dead_letters{category=\"conflict\"} 1.0"));
        double recount = (System.nanoTime() - t) / 1e9;
        String row = String.format("| %,d dead letters | scrape median %.1f ms, max %.1f ms (50 scrapes) | start to first"
                        + " count %.1f s | a new dead letter counted within %.1f s (refresh interval 1 s) |%n",
                DEAD_LETTERS, scrapes.get(scrapes.size() / 2), scrapes.get(scrapes.size() - 1), firstCount, recount);
        Files.writeString(Files.createDirectories(Path.of("target", "benchmarks")).resolve("dead-letter-scrape.md"), row);
        System.out.println(row);
    }
}
