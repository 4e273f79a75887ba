package io.billingsync.batch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Service or once: with {@code --once} the run ends the first time the inbox is found idle (every file
 * present at start has been processed), and, with sources that fill the inbox (an SFTP server), only once each of
 * them has delivered what it will in this run.
 */
public final class RunMode {
    private final boolean once;
    private final Runnable stop;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final List<BooleanSupplier> sources = new CopyOnWriteArrayList<>();
    private final AtomicBoolean idleAfterSources = new AtomicBoolean();

    public RunMode(boolean once, Runnable stop) {
        this.once = once;
        this.stop = stop;
    }

    /** A source of inbox files; {@code delivered} turns true once it has put into the inbox all it will in this run. */
    public void addSource(BooleanSupplier delivered) {
        sources.add(delivered);
    }

    public void inboxIdle() {
        if (sources.isEmpty()) {
            stopIfOnce();
        } else if (sources.stream().allMatch(BooleanSupplier::getAsBoolean) && idleAfterSources.getAndSet(true)) {
            // a poll that listed the inbox just before a source's last file arrived can end idle after it: only the
            // next idle poll, which started after that, shows the inbox empty for sure
            stopIfOnce();
        }
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
