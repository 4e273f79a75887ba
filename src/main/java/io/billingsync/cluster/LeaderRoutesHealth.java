package io.billingsync.cluster;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * DOWN while this instance leads but a route of the leader does not run (it holds the lock, so no standby takes
 * over, yet it takes no file), naming the routes and why; a standby is UP.
 */
final class LeaderRoutesHealth extends AbstractHealthCheck {
    private final Leadership leadership;
    private final LeaderOnlyRoutes routes;

    LeaderRoutesHealth(Leadership leadership, LeaderOnlyRoutes routes) {
        super("billing-profile-sync", "leader-routes");
        this.leadership = leadership;
        this.routes = routes;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> idle = leadership.isLeading() ? routes.notRunning() : List.of();
        if (idle.isEmpty()) {
            builder.up();
            return;
        }
        String problem = routes.problem();
        String message = "Leading, but not consuming: route(s) " + String.join(", ", idle) + " not running"
                + (problem == null ? " yet" : " (" + problem + ")");
        builder.detail("routes", String.join(",", idle));
        builder.message(message);
        builder.down();
    }
}
