package io.billingsync.e2e;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A starved machine, as far as leadership goes: every Camel thread whose name speaks of the leader (the threads that
 * start the leader's consumers once the lock is taken; not the election's own) begins its first task {@link #LATE}
 * after it is asked to.
 */
public final class LateLeaderThreads extends ThreadTrouble {
    /** Longer than the five seconds Camel's master: consumer gives itself to start its consumer. */
    static final Duration LATE = Duration.ofSeconds(8);

    private final AtomicInteger delayed = new AtomicInteger();

    /** How many threads started late so far. */
    int delayed() {
        return delayed.get();
    }

    @Override
    protected ThreadFactory troubled(String name, ThreadFactory threads) {
        if (!name.contains("Leader")) {
            return threads;
        }
        return task -> threads.newThread(() -> {
            delayed.incrementAndGet();
            try {
                Thread.sleep(LATE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            task.run();
        });
    }
}
