package io.billingsync.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The counters and latency histograms served at /observe/metrics (Prometheus format). */
public final class SyncMetrics {
    private final MeterRegistry registry;
    private final Counter conflicts;
    private final Counter retries;
    private final Timer getLatency;
    private final Timer putLatency;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.conflicts = Counter.builder("billing_sync_conflicts").description("Stale-ETag answers (412, 400/2055)").register(registry);
        this.retries = Counter.builder("billing_sync_retries").description("Retries after transient failures").register(registry);
        this.getLatency = latency("GET");
        this.putLatency = latency("PUT");
    }

    private Timer latency(String operation) {
        return Timer.builder("billing_sync_partner_center_request")
                .description("Partner Center request latency")
                .tag("operation", operation)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    public void conflict() {
        conflicts.increment();
    }

    public void retry() {
        retries.increment();
    }

    public void requestTook(String operation, long nanos) {
        ("PUT".equals(operation) ? putLatency : getLatency).record(Duration.ofNanos(nanos));
    }

    /** One count per change outcome; dead-lettered ones also by category. */
    public void outcome(String outcome, String category) {
        Counter.builder("billing_sync_changes")
                .description("Changes by outcome")
                .tag("outcome", outcome)
                .tag("category", category == null ? "" : category)
                .register(registry)
                .increment();
    }
}
