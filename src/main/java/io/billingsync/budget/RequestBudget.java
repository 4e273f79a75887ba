package io.billingsync.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The one request budget every customer lane draws on. Partner Center throttles the whole partner tenant, so a 429
 * with {@code Retry-After} pauses every lane until it has passed, not only the lane that drew it. An optional cap
 * spaces requests evenly at most {@code maxPerSecond} a second across all lanes, leaving the rest of the tenant's
 * quota to other tools. Evenly spaced slots alone do not keep every sliding second under the cap: a lane let through
 * late (a stalled JVM, a busy core) goes out together with the lanes after it, and a limit counted over any one
 * second then sees more than the cap. So the cap also holds over the requests actually let through: none goes
 * before a second has passed since the one {@code maxPerSecond} requests before it. Even so, requests let through at
 * exactly the tenant's limit reach it with jitter, so a 429 now and then lowers the cap in force for a while
 * ({@link AdaptiveRate}).
 */
public final class RequestBudget {
    /** Why a request waited. */
    public enum HeldBack { THROTTLED, RATE_CAP }

    /** Told of every wait, for metrics. */
    public interface Listener {
        void heldBack(HeldBack why, Duration waited);

        void sent();
    }

    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The cap in force; null without a cap. */
    private final AdaptiveRate rate;
    /** When each of the last {@code maxPerSecond} requests was let through (a ring); empty without a cap. */
    private final long[] letThrough;
    /** Where the next request let through is noted (when the ring is full, over the oldest). */
    private int next;
    private int letThroughCount;
    private final Clock clock;
    private final Listener listener;
    private long nextSlotNanos = System.nanoTime();
    private long pausedUntilNanos = System.nanoTime();
    private volatile Instant pausedUntil;
    /** Wall-clock time every lane was paused by throttling, since start (overlapping pauses counted once). */
    private final AtomicLong pausedNanos = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    /** Told the {@code System.nanoTime()} at which the cap counted each request let through. */
    private final List<LongConsumer> letThroughObservers = new CopyOnWriteArrayList<>();

    /** @param maxPerSecond the cap across all lanes; 0: no cap */
    public RequestBudget(double maxPerSecond, Clock clock, Listener listener) {
        this.rate = maxPerSecond > 0 ? new AdaptiveRate(maxPerSecond, System::nanoTime) : null;
        this.letThrough = new long[maxPerSecond > 0 ? (int) Math.max(1, Math.floor(maxPerSecond)) : 0];
        this.clock = clock;
        this.listener = listener;
    }

    /** Blocks until a request may be sent: no pause in force, and its slot under the cap reached. */
    public void acquire() throws InterruptedException {
        waiting.incrementAndGet();
        try {
            while (true) {
                long pause = pauseLeftNanos();
                if (pause > 0) {
                    sleep(HeldBack.THROTTLED, pause);
                    continue;
                }
                long slotWait = takeSlot();
                if (slotWait > 0) {
                    sleep(HeldBack.RATE_CAP, slotWait);
                }
                if (pauseLeftNanos() <= 0) {
                    for (long wait; (wait = letThroughOrWait()) > 0; ) {
                        sleep(HeldBack.RATE_CAP, wait);
                    }
                    return;
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /**
     * The last look before a request let through goes on the wire: false when a pause came into force since (it must
     * wait again, {@link #acquire}); true when it goes now, and it counts as sent.
     */
    public boolean mayStillSend() {
        if (pauseLeftNanos() > 0) {
            return false;
        }
        listener.sent();
        return true;
    }

    /** Partner Center answered 429 (with or without {@code Retry-After}): the cap in force is lowered for a while. */
    public void tooManyRequests() {
        if (rate != null) {
            rate.throttled();
        }
    }

    /** Partner Center answered 429 asking for {@code retryAfter}: every lane waits that long from now. */
    public void throttled(Duration retryAfter) {
        long now = System.nanoTime();
        long until = now + retryAfter.toNanos();
        synchronized (this) {
            if (until - pausedUntilNanos > 0) {
                pausedNanos.addAndGet(until - (pausedUntilNanos - now > 0 ? pausedUntilNanos : now));
                pausedUntilNanos = until;
                pausedUntil = clock.instant().plus(retryAfter);
            }
        }
    }

    /** When the current pause ends; null when no pause is in force. */
    public Instant pausedUntil() {
        Instant until = pausedUntil;
        return until != null && until.isAfter(clock.instant()) ? until : null;
    }

    /** Wall-clock time every lane was paused by throttling since start, pauses that overlap counted once. */
    public Duration pausedInTotal() {
        return Duration.ofNanos(pausedNanos.get());
    }

    /** Requests waiting for the budget right now (paused, or spaced by the cap). */
    public long waiting() {
        return waiting.get();
    }

    public boolean capped() {
        return rate != null;
    }

    /** The cap in force, requests a second: the configured one, lower for a while after a 429; 0 without a cap. */
    public double effectivePerSecond() {
        return rate == null ? 0 : rate.perSecond();
    }

    /**
     * {@code observer} is told, for each request from now on, the {@code System.nanoTime()} at which it was let
     * through: the very instants the cap counts (what reaches Partner Center is later by each request's own way
     * over the network and through the HTTP client, which the budget does not control).
     */
    public void observeLetThrough(LongConsumer observer) {
        letThroughObservers.add(observer);
    }

    private synchronized long pauseLeftNanos() {
        return pausedUntilNanos - System.nanoTime();
    }

    private synchronized long takeSlot() {
        if (rate == null) {
            return 0;
        }
        long now = System.nanoTime();
        long slot = Math.max(now, nextSlotNanos);
        nextSlotNanos = slot + Math.round(SECOND_NANOS / rate.perSecond());
        return slot - now;
    }

    /** 0 when the request may go now (it is noted as let through); else how long until a second has passed since
     * the request as many requests before it as the cap in force allows a second. */
    private synchronized long letThroughOrWait() {
        long now = System.nanoTime();
        if (letThrough.length == 0) {
            letThroughObservers.forEach(o -> o.accept(now));
            return 0;
        }
        int perSecond = Math.min(letThrough.length, rate.requestsPerSecond());
        if (letThroughCount >= perSecond) {
            long wait = letThrough[Math.floorMod(next - perSecond, letThrough.length)] + SECOND_NANOS - now;
            if (wait > 0) {
                return wait;
            }
        }
        if (letThroughCount < letThrough.length) {
            letThroughCount++;
        }
        letThrough[next] = now;
        next = (next + 1) % letThrough.length;
        letThroughObservers.forEach(o -> o.accept(now));
        return 0;
    }

    private void sleep(HeldBack why, long nanos) throws InterruptedException {
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(nanos);
        listener.heldBack(why, Duration.ofNanos(System.nanoTime() - start));
    }
}
