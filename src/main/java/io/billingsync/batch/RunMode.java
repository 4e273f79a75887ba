package io.billingsync.batch;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Service or once: with {@code --once} the run ends the first time the inbox is found idle (every file
 * present at start has been processed).
 */
public final class RunMode {
    private final boolean once;
    private final Runnable stop;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public RunMode(boolean once, Runnable stop) {
        this.once = once;
        this.stop = stop;
    }

    public void inboxIdle() {
        stopIfOnce();
    }

    /** Processing cannot go on (e.g. credentials refused): a --once run ends now instead of retrying. */
    public void halted() {
        stopIfOnce();
    }

    private void stopIfOnce() {
        if (once && stopRequested.compareAndSet(false, true)) {
            Thread stopper = new Thread(stop, "once-complete");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    public boolean once() {
        return once;
    }
}
