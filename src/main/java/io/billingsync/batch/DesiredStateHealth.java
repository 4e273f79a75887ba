package io.billingsync.batch;

import io.billingsync.history.DesiredStateProgress;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The desired state's progress, as the last complete tick left it in the change history: its customers, those known
 * to be in the desired state and those pending, the last full drift pass. Always UP: a customer not in state is sent
 * at every tick, and what fails is dead-lettered.
 */
public final class DesiredStateHealth extends AbstractHealthCheck {
    private final Supplier<DesiredStateProgress> progress;
    private final Duration driftCheckInterval;

    /** @param progress null on a standby, or before the first complete tick */
    public DesiredStateHealth(Supplier<DesiredStateProgress> progress, Duration driftCheckInterval) {
        super("billing-profile-sync", "desired-state");
        this.progress = progress;
        this.driftCheckInterval = driftCheckInterval;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("driftCheckInterval", driftCheckInterval.toString());
        DesiredStateProgress now = progress.get();
        if (now == null) {
            builder.message("no complete tick known to this instance yet (a standby, or the first tick is running)");
        } else {
            builder.detail("customers", now.customers());
            builder.detail("inState", now.inState());
            builder.detail("pending", now.pending());
            builder.detail("lastFullDriftPass", String.valueOf(now.lastFullDriftPass()));
            builder.detail("lastTick", now.lastTick().toString());
        }
        builder.up();
    }
}
