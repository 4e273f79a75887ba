package io.billingsync.budget;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The cap the request budget applies right now: the configured cap until Partner Center answers 429, then lowered
 * multiplicatively and raised back slowly (additive increase, multiplicative decrease). Requests let through at most
 * the tenant's limit a second still reach it with a few ms of jitter, so now and then one too many falls into a
 * second; backing off a little after such a 429 keeps the next seconds under the limit, where each further 429 would
 * hold every lane back for its whole Retry-After.
 */
final class AdaptiveRate {
    /** A 429 keeps 95% of the rate: one too many in a second at the limit is a 1% excess, 5% clears it with room. */
    static final double DECREASE = 0.95;
    /** Never below half the configured cap: a lower rate no longer follows jitter but a limit that is much lower. */
    static final double FLOOR = 0.5;
    /** Each quiet interval gives back 1% of the configured cap ... */
    static final double RECOVERY_STEP = 0.01;
    /** ... and one lasts this long: from 95% back to the cap takes 25 s, so a retry at the limit is rare. */
    static final long RECOVERY_INTERVAL_SECONDS = 5;
    /**
     * 429s within a second of the last decrease are answers to requests already on their way with the first one:
     * they say nothing new and do not lower the rate again.
     */
    private static final long SAME_BURST_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RECOVERY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(RECOVERY_INTERVAL_SECONDS);

    private final double cap;
    private final LongSupplier nanoTime;
    private double rate;
    private long lastDecreaseNanos;
    private boolean decreased;
    /** Since when the rate has been rising (the last decrease or step up). */
    private long quietSinceNanos;

    /** @param cap the configured cap, requests a second, above 0; {@code nanoTime}: {@code System::nanoTime} */
    AdaptiveRate(double cap, LongSupplier nanoTime) {
        this.cap = cap;
        this.nanoTime = nanoTime;
        this.rate = cap;
    }

    /** Partner Center answered 429. */
    synchronized void throttled() {
        long now = nanoTime.getAsLong();
        if (decreased && now - lastDecreaseNanos < SAME_BURST_NANOS) {
            return;
        }
        rate = Math.max(cap * FLOOR, recovered(now) * DECREASE);
        decreased = true;
        lastDecreaseNanos = now;
        quietSinceNanos = now;
    }

    /** The rate in force, requests a second. */
    synchronized double perSecond() {
        return recovered(nanoTime.getAsLong());
    }

    /** The most requests let through in any one second at the rate in force: its whole part, at least 1. */
    synchronized int requestsPerSecond() {
        return (int) Math.max(1, Math.floor(perSecond() + 1e-9));
    }

    private double recovered(long now) {
        if (rate >= cap) {
            return rate;
        }
        long steps = (now - quietSinceNanos) / RECOVERY_INTERVAL_NANOS;
        if (steps > 0) {
            rate = Math.min(cap, rate + steps * RECOVERY_STEP * cap);
            quietSinceNanos += steps * RECOVERY_INTERVAL_NANOS;
        }
        return rate;
    }
}
