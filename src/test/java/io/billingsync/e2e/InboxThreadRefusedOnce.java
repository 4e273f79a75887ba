package io.billingsync.e2e;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/** A machine out of threads for a moment: the first pool asked for the inbox consumer's polls is refused. */
public final class InboxThreadRefusedOnce extends ThreadTrouble {
    private final AtomicBoolean refused = new AtomicBoolean();

    @Override
    protected ThreadFactory troubled(String name, ThreadFactory threads) {
        if (name.endsWith("/inbox") && refused.compareAndSet(false, true)) {
            throw new RejectedExecutionException("no thread left for the inbox");
        }
        return threads;
    }
}
