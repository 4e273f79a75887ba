package io.billingsync.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the sandbox injects on request, for tests, demos and benchmarks: latency, a concurrent writer between
 * our GET and PUT, stale ETags answered 400/2055, throttling with Retry-After, bursts of 5xx, scripted answers
 * for one customer, PUTs lost unanswered, credentials refused, and a byte-order mark before GET bodies.
 */
public final class SandboxFaults {
    record Scripted(int status, String body, int times) {
    }

    volatile Duration latency = Duration.ZERO;
    volatile boolean staleAs2055;
    volatile boolean bomOnGet;
    final AtomicInteger concurrentModifications = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    volatile int retryAfterSeconds = 1;
    final AtomicInteger serverErrors = new AtomicInteger();
    volatile int serverErrorStatus = 503;
    final Map<String, Scripted> scripted = new ConcurrentHashMap<>();
    final AtomicInteger lostPuts = new AtomicInteger();
    volatile Duration lostPutHold = Duration.ZERO;
    volatile boolean refuseCredentials;

    public void latency(Duration added) {
        latency = added;
    }

    /** The next {@code count} PUTs find the profile changed by another writer since our GET. */
    public void concurrentModifications(int count) {
        concurrentModifications.set(count);
    }

    /** Answer a stale ETag with 400 and code 2055 instead of 412. */
    public void staleAs2055(boolean on) {
        staleAs2055 = on;
    }

    public void bomOnGet(boolean on) {
        bomOnGet = on;
    }

    /** The next {@code count} requests answer 429 with {@code Retry-After: seconds}. */
    public void throttle(int count, int seconds) {
        retryAfterSeconds = seconds;
        throttled.set(count);
    }

    /** The next {@code count} requests answer {@code status} (500, 502, 503, 504). */
    public void serverErrors(int count, int status) {
        serverErrorStatus = status;
        serverErrors.set(count);
    }

    /** The next request for this customer answers {@code status} with {@code body}. */
    public void answerNext(String customerId, int status, String body) {
        answerNext(customerId, status, body, 1);
    }

    /** The next {@code times} requests for this customer answer {@code status} with {@code body}. */
    public void answerNext(String customerId, int status, String body, int times) {
        scripted.put(BillingProfileStore.key(customerId), new Scripted(status, body, times));
    }

    /**
     * The next {@code count} PUTs are held for {@code hold} and then dropped unanswered and unapplied, as a
     * request lost on the way: with {@code hold} beyond the client's response timeout, the client times out.
     */
    public void losePuts(int count, Duration hold) {
        lostPutHold = hold;
        lostPuts.set(count);
    }

    /** While on, every Partner Center request answers 401, whatever its token (credentials revoked, then restored). */
    public void refuseCredentials(boolean on) {
        refuseCredentials = on;
    }

    /** The scripted answer for this customer's request, if one is left. */
    Scripted takeScripted(String customerKey) {
        Scripted[] taken = new Scripted[1];
        scripted.computeIfPresent(customerKey, (key, next) -> {
            taken[0] = next;
            return next.times() > 1 ? new Scripted(next.status(), next.body(), next.times() - 1) : null;
        });
        return taken[0];
    }

    public void reset() {
        latency = Duration.ZERO;
        staleAs2055 = false;
        bomOnGet = false;
        concurrentModifications.set(0);
        throttled.set(0);
        serverErrors.set(0);
        scripted.clear();
        lostPuts.set(0);
        refuseCredentials = false;
    }

    static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
