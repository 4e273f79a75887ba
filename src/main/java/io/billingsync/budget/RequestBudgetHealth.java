package io.billingsync.budget;

import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Whether the service is held back: DOWN (not ready) while Partner Center's throttling pauses every lane, with the
 * time the pause ends; UP otherwise, with the cap, the cap in force and the requests waiting for it.
 */
public final class RequestBudgetHealth extends AbstractHealthCheck {
    private final RequestBudget budget;
    private final int maxPerSecond;

    public RequestBudgetHealth(RequestBudget budget, int maxPerSecond) {
        super("billing-profile-sync", "request-budget");
        this.budget = budget;
        this.maxPerSecond = maxPerSecond;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("waiting", budget.waiting());
        if (maxPerSecond > 0) {
            builder.detail("maxRequestsPerSecond", maxPerSecond);
            builder.detail("effectiveRequestsPerSecond", budget.effectivePerSecond());
        }
        Instant pausedUntil = budget.pausedUntil();
        if (pausedUntil == null) {
            builder.up();
        } else {
            builder.detail("pausedUntil", pausedUntil.toString());
            builder.message("held back: Partner Center throttled the partner tenant (429); every customer waits until " + pausedUntil);
            builder.down();
        }
    }
}
