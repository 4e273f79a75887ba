package io.billingsync.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the sandbox answered to Partner Center requests (the token endpoint's aside): how many per method and per
 * status, and when each 429 was answered with which {@code Retry-After}. Kept even while the request log is off
 * (benchmarks).
 */
public final class RequestCounts {
    /** A 429 as it left the sandbox. */
    public record Throttled(Instant answeredAt, long retryAfterSeconds) {
    }

    private final Map<String, AtomicInteger> byMethod = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final List<Throttled> throttled = new ArrayList<>();

    void request(String method) {
        byMethod.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    void recordAnswer(int status) {
        byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    synchronized void throttled(Instant answeredAt, long retryAfterSeconds) {
        throttled.add(new Throttled(answeredAt, retryAfterSeconds));
    }

    /** Partner Center requests received with this method ("GET", "PUT"). */
    public int requests(String method) {
        AtomicInteger count = byMethod.get(method);
        return count == null ? 0 : count.get();
    }

    /** Partner Center requests received, all methods. */
    public int requests() {
        return byMethod.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Partner Center requests answered with this status. */
    public int answered(int status) {
        AtomicInteger count = byStatus.get(status);
        return count == null ? 0 : count.get();
    }

    public synchronized List<Throttled> throttledAnswers() {
        return List.copyOf(throttled);
    }

    public synchronized void clear() {
        byMethod.clear();
        byStatus.clear();
        throttled.clear();
    }
}
