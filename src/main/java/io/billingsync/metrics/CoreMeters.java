package io.billingsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/** The meters {@link SyncMetrics} registers once the registry exists: counts of requests and changes, the latencies. */
final class CoreMeters {
    final MeterRegistry registry;
    final Counter conflicts;
    final Counter retries;
    final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    final Counter requests;
    final Counter settled;

    CoreMeters(MeterRegistry registry, DoubleSupplier effectiveRate) {
        this.registry = registry;
        this.conflicts = Counter.builder("billing_sync_conflicts")
                .description("Stale-ETag answers (412, 400/2055)").register(registry);
        this.retries = Counter.builder("billing_sync_retries")
                .description("Retries after transient failures").register(registry);
        this.requests = Counter.builder("billing_sync_partner_center_requests")
                .description("Requests sent to Partner Center").register(registry);
        this.settled = Counter.builder("billing_sync_settled_changes")
                .description("Changes settled (any outcome)").register(registry);
        Gauge.builder("billing_sync_requests_per_change", this,
                        m -> m.settled.count() == 0 ? 0 : m.requests.count() / m.settled.count())
                .description("Requests sent to Partner Center per settled change, since start").register(registry);
        if (effectiveRate != null) {
            Gauge.builder("billing_sync_effective_requests_per_second", effectiveRate, DoubleSupplier::getAsDouble)
                    .description("The cap on requests a second in force (sync.max-requests-per-second, lower for a while after a 429)")
                    .register(registry);
        }
    }

    Timer latency(String operation) {
        return latencies.computeIfAbsent(operation, this::newLatency);
    }

    private Timer newLatency(String operation) {
        return Timer.builder("billing_sync_partner_center_request")
                .description("Partner Center request latency")
                .tag("operation", operation)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }
}
