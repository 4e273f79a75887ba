package io.billingsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The counters and latency histograms served at /observe/metrics (Prometheus format). The meter registry is
 * the one Camel's Prometheus support serves; it exists only once Camel has started, hence the supplier.
 */
public final class SyncMetrics {
    private final Supplier<MeterRegistry> registries;
    private volatile Meters meters;
    private volatile DoubleSupplier effectiveRate;
    private final Set<String> expectedOperations = ConcurrentHashMap.newKeySet();

    public SyncMetrics(Supplier<MeterRegistry> registries) {
        this.registries = registries;
    }

    public void conflict() {
        meters().conflicts.increment();
    }

    public void retry() {
        meters().retries.increment();
    }

    /** Serves the latency histogram of requests measured as {@code operation} from the start; before the first use. */
    public void expectRequests(String operation) {
        expectedOperations.add(operation);
    }

    public void requestTook(String operation, long nanos) {
        meters().latency(operation).record(Duration.ofNanos(nanos));
    }

    /** Time a request waited for the shared request budget ({@code reason}: throttled, rate-cap). */
    public void heldBack(String reason, Duration waited) {
        Counter.builder("billing_sync_held_back_seconds")
                .description("Time requests waited for the shared request budget")
                .tag("reason", reason)
                .register(meters().registry)
                .increment(waited.toNanos() / 1e9);
    }

    /** Serves the cap the request budget applies right now (lowered for a while after a 429); once, at start. */
    public void effectiveRequestsPerSecond(DoubleSupplier perSecond) {
        effectiveRate = perSecond;
    }

    /** A request sent to Partner Center (retries and re-reads included). */
    public void requestSent() {
        meters().requests.increment();
    }

    /** One count per change outcome; dead-lettered ones also by category. */
    public void outcome(String outcome, String category) {
        Counter.builder("billing_sync_changes")
                .description("Changes by outcome")
                .tag("outcome", outcome)
                .tag("category", category == null ? "" : category)
                .register(meters().registry)
                .increment();
        meters().settled.increment();
    }

    /**
     * Serves the desired state's progress: its customers known to be in the desired state and those pending (sent at
     * the next tick), and when the last full drift pass ended (epoch seconds); NaN while unknown (a standby, or
     * before the first complete tick). Once, at start.
     */
    public void desiredState(DoubleSupplier inState, DoubleSupplier pending, DoubleSupplier lastFullDriftPass) {
        MeterRegistry registry = meters().registry;
        String customers = "billing_sync_desired_state_customers";
        String description = "Customers of the desired-state file known to be in that state, and those to be sent at"
                + " the next tick, as the last complete tick left them";
        Gauge.builder(customers, inState, DoubleSupplier::getAsDouble).tag("state", "in-state").description(description)
                .strongReference(true).register(registry);
        Gauge.builder(customers, pending, DoubleSupplier::getAsDouble).tag("state", "pending").description(description)
                .strongReference(true).register(registry);
        Gauge.builder("billing_sync_desired_state_last_full_drift_pass_timestamp_seconds", lastFullDriftPass,
                        DoubleSupplier::getAsDouble).strongReference(true)
                .description("When every customer of the desired state had last been read again (or applied) since the"
                        + " pass before").register(registry);
    }

    /** A file that could not be completed this time ({@code cause}: credentials, environment); it is retried. */
    public void fileFailed(String cause) {
        Counter.builder("billing_sync_file_failures")
                .description("Attempts at an inbox file that could not be completed")
                .tag("cause", cause)
                .register(meters().registry)
                .increment();
    }

    private Meters meters() {
        Meters current = meters;
        if (current == null) {
            synchronized (this) {
                if (meters == null) {
                    meters = new Meters(registries.get(), effectiveRate);
                    expectedOperations.forEach(meters::latency);
                }
                current = meters;
            }
        }
        return current;
    }

    private static final class Meters {
        final MeterRegistry registry;
        final Counter conflicts;
        final Counter retries;
        final Map<String, Timer> latencies = new ConcurrentHashMap<>();
        final Counter requests;
        final Counter settled;

        Meters(MeterRegistry registry, DoubleSupplier effectiveRate) {
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
}
