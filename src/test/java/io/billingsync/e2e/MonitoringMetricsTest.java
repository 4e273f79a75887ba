package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric the shipped alert rules and the Grafana dashboard of deploy/monitoring use is served by a real run
 * against the sandbox: a renamed or dropped metric fails here, not silently in an operator's Prometheus.
 */
@ExtendWith(SyncServiceExtension.class)
class MonitoringMetricsTest {
    static final Path MONITORING = Path.of("deploy", "monitoring");
    static final Pattern METRIC = Pattern.compile("billing_sync_[a-z0-9_]+");

    SyncHarness harness;

    @Test
    void everyMetricOfTheRulesAndTheDashboardIsExposed() throws Exception {
        Set<String> used = usedMetrics();
        assertThat(used).as("metrics read from " + MONITORING).hasSizeGreaterThan(10)
                .contains("billing_sync_file_halted", "billing_sync_dead_letters", "billing_sync_leader");
        ManagementPort port = new ManagementPort();
        List<String> customers = harness.sandbox.addCustomers(2);
        harness.start(port.settings("camel.metrics.enabled", "true"));
        harness.drop("one.json", "[{\"customerId\":\"" + customers.get(0) + "\",\"changes\":{\"companyName\":\"A\"}},"
                + "{\"customerId\":\"" + customers.get(1) + "\",\"changes\":{\"companyName\":\"B\"}}]");
        harness.awaitResult("one.json", Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = port.get("/observe/metrics").body();
            Set<String> exposed = new TreeSet<>();
            scrape.lines().filter(l -> !l.startsWith("#")).forEach(l -> {
                Matcher m = METRIC.matcher(l);
                if (m.lookingAt()) {
                    exposed.add(m.group());
                }
            });
            assertThat(exposed).as("metrics served at /observe/metrics").containsAll(used);
        });
    }

    /** The billing_sync_ names in the rules and the dashboard (test files aside: they feed made-up series). */
    static Set<String> usedMetrics() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(MONITORING)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().contains(".test.")).toList()) {
                Matcher m = METRIC.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        return used;
    }
}
