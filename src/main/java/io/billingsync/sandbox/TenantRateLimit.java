package io.billingsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Partner Center's request rate limit for the sandbox's one partner tenant: at most {@code limit} requests in any
 * one-second window; a request beyond it is refused with the whole seconds until the window has room again (what
 * the sandbox sends as {@code Retry-After}). Refused requests do not count against the window. 0: no limit.
 */
final class TenantRateLimit {
    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final Deque<Instant> admitted = new ArrayDeque<>();
    private int limit;

    synchronized void limit(int requestsPerSecond) {
        limit = requestsPerSecond;
        admitted.clear();
    }

    /** Null when the request is admitted; else the {@code Retry-After} seconds to answer it with. */
    synchronized Long refuse(Instant now) {
        if (limit <= 0) {
            return null;
        }
        Instant windowStart = now.minus(WINDOW);
        while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(windowStart)) {
            admitted.removeFirst();
        }
        if (admitted.size() < limit) {
            admitted.addLast(now);
            return null;
        }
        long untilRoom = Duration.between(windowStart, admitted.peekFirst()).toMillis();
        return Math.max(1, (untilRoom + 999) / 1000);
    }
}
