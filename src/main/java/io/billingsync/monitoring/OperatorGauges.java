package io.billingsync.monitoring;

import io.billingsync.failure.FailureCategory;
import io.billingsync.records.DeadLetterIndex;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gauges an operator alerts on (docs/MONITORING.md): what waits in the inbox, the dead letters by category, a
 * halted file, the last change applied and file completed, the refresh token's last rotation, throttling. Each reads
 * what {@link LiveStatus.Sources} keep in memory: a scrape lists no folder and reads no file.
 */
public final class OperatorGauges {
    static final String[] HALT_CAUSES = {"credentials", "environment"};

    private final MeterRegistry registry;
    private final LiveStatus.Sources sources;
    private final Clock clock;
    private final Set<String> categories = ConcurrentHashMap.newKeySet();

    public OperatorGauges(MeterRegistry registry, LiveStatus.Sources sources, Clock clock) {
        this.registry = registry;
        this.sources = sources;
        this.clock = clock;
    }

    /** Micrometer holds a gauge's object weakly: the caller keeps this instance for as long as the gauges serve. */
    public void register() {
        Gauge.builder("billing_sync_inbox_files", sources.inbox(), i -> i.backlog().files())
                .description("Change files waiting in the inbox, the one in progress included").register(registry);
        Gauge.builder("billing_sync_inbox_oldest_file_age_seconds", this, g -> g.ageOf(g.sources.inbox().backlog().oldestWritten()))
                .description("Age of the oldest change file in the inbox (0 when none waits)").register(registry);
        for (FailureCategory category : FailureCategory.values()) {
            deadLetterGauge(category.wireName());
        }
        Gauge.builder("billing_sync_dead_letter_oldest_age_seconds", this, g -> g.ageOf(g.sources.deadLetters().summary().oldest()))
                .description("Age of the oldest dead letter present (0 when there is none)").register(registry);
        for (String cause : HALT_CAUSES) {
            Gauge.builder("billing_sync_file_halted", this, g -> g.halted(cause))
                    .description("1 while an inbox file cannot be completed and holds back later files, by cause")
                    .tag("cause", cause).register(registry);
        }
        Gauge.builder("billing_sync_last_applied_change_timestamp_seconds", this, g -> seconds(g.sources.activity().lastApplied()))
                .description("When this process last applied a change (Unix time; 0: not since start)").register(registry);
        Gauge.builder("billing_sync_last_completed_file_timestamp_seconds", this,
                        g -> seconds(g.sources.activity().lastCompletedFile()))
                .description("When this process last completed an inbox file (Unix time; 0: not since start)").register(registry);
        Gauge.builder("billing_sync_refresh_token_rotated_timestamp_seconds", this,
                        g -> seconds(g.sources.tokens().refreshTokenRotated()))
                .description("When the refresh token was last rotated (Unix time; its file's time at start; 0: no refresh"
                        + " token, or one from the environment not rotated yet)").register(registry);
        FunctionCounter.builder("billing_sync_token_refresh_failures", sources.tokens(), t -> t.refreshFailures())
                .description("Token requests that failed: refused by Azure AD or the token endpoint unavailable").register(registry);
        if (sources.budget() != null) {
            FunctionCounter.builder("billing_sync_throttle_pause_seconds", sources.budget(),
                            b -> b.pausedInTotal().toNanos() / 1e9)
                    .description("Wall-clock time every customer was paused by Partner Center's throttling (429)")
                    .register(registry);
        }
    }

    /** Counts of categories met in the folder that this version does not declare (say, "unknown") too. */
    public void deadLettersCounted(DeadLetterIndex.Summary summary) {
        summary.byCategory().keySet().forEach(this::deadLetterGauge);
    }

    private void deadLetterGauge(String category) {
        if (categories.add(category)) {
            Gauge.builder("billing_sync_dead_letters", this,
                            g -> g.sources.deadLetters().summary().byCategory().getOrDefault(category, 0L))
                    .description("Dead letters present in the dead-letter folder, by category").tag("category", category)
                    .register(registry);
        }
    }

    private double halted(String cause) {
        return sources.retries() == null ? 0 : sources.retries().failing().stream()
                .filter(f -> cause.equals(orEnvironment(sources.activity().failureCause(f.file())))).count();
    }

    private static String orEnvironment(String cause) {
        return cause == null ? "environment" : cause;
    }

    private double ageOf(Instant time) {
        return time == null ? 0 : Math.max(0, Duration.between(time, clock.instant()).toMillis() / 1000.0);
    }

    private static double seconds(Instant time) {
        return time == null ? 0 : time.toEpochMilli() / 1000.0;
    }
}
