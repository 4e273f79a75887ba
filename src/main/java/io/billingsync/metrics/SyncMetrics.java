package io.billingsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
    private volatile CoreMeters meters;
    private volatile DoubleSupplier effectiveRate;
    private final Activity activity;
    private final Set<String> expectedOperations = ConcurrentHashMap.newKeySet();

    public SyncMetrics(Supplier<MeterRegistry> registries) {
        this(registries, new Activity(java.time.Clock.systemUTC()));
    }

    public SyncMetrics(Supplier<MeterRegistry> registries, Activity activity) {
        this.registries = registries;
        this.activity = activity;
    }

    /** What this process did lately (last change applied, file in progress), for the gauges and the status. */
    public Activity activity() {
        return activity;
    }

    /** One count per change outcome of {@code file}; dead-lettered ones also by category. */
    public void outcome(String file, String outcome, String category) {
        activity.settled(file, outcome);
        outcome(outcome, category);
    }

    /** An inbox file was completed: archived with its result record, or dead-lettered whole. */
    public void fileCompleted(String file) {
        activity.fileCompleted(file);
    }

    /** An attempt at {@code file} could not be completed ({@code cause}: credentials, environment). */
    public void fileFailed(String file, String cause) {
        activity.fileFailed(file, cause);
        fileFailed(cause);
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
        heldBack(reason).increment(waited.toNanos() / 1e9);
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

    /** An address sent without its country's rules checked: they could not be read from Partner Center. */
    public void countryRulesUnavailable() {
        Counter.builder("billing_sync_country_rules_unavailable")
                .description("Addresses sent unchecked because their country's rules could not be read")
                .register(meters().registry)
                .increment();
    }

    /**
     * An address validated by Partner Center, by the status it answered ({@code unavailable}: it could not be asked;
     * a status that is not a plain word counts as {@code other}).
     */
    public void addressValidated(String status) {
        Counter.builder("billing_sync_address_validations")
                .description("Addresses validated by Partner Center, by the status it answered")
                .tag("status", status.matches("[A-Za-z-]{1,40}") ? status : "other")
                .register(meters().registry)
                .increment();
    }

    /** A file that could not be completed this time ({@code cause}: credentials, environment); it is retried. */
    public void fileFailed(String cause) {
        fileFailures(cause).increment();
    }

    private Counter fileFailures(String cause) {
        return Counter.builder("billing_sync_file_failures")
                .description("Attempts at an inbox file that could not be completed")
                .tag("cause", cause)
                .register(meters().registry);
    }

    private Counter heldBack(String reason) {
        return Counter.builder("billing_sync_held_back_seconds")
                .description("Time requests waited for the shared request budget")
                .tag("reason", reason)
                .register(meters().registry);
    }

    /**
     * Serves the counters that appear with their first event at 0 from the start, so that an alert on their increase
     * sees the first one too.
     */
    public void startAtZero() {
        fileFailures("credentials");
        fileFailures("environment");
        heldBack("throttled");
        heldBack("rate-cap");
    }

    private CoreMeters meters() {
        CoreMeters current = meters;
        if (current == null) {
            synchronized (this) {
                if (meters == null) {
                    meters = new CoreMeters(registries.get(), effectiveRate);
                    expectedOperations.forEach(meters::latency);
                }
                current = meters;
            }
        }
        return current;
    }
}
