package io.billingsync.route;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Whether Partner Center answers us: DOWN while it is unreachable (connection failures, timeouts, 5xx, 429)
 * or refuses our credentials, with the reason; UP again on the next good answer.
 */
public final class PartnerCenterHealth extends AbstractHealthCheck {

    private final Clock clock;
    private volatile String problem;
    private volatile Instant since;

    public PartnerCenterHealth(Clock clock) {
        super("billing-profile-sync", "partner-center");
        this.clock = clock;
    }

    /** Any answer below 500 (other than 401 and 429) shows the endpoint is reachable and accepts us. */
    public void answered(int status) {
        if (status < 500 && status != 429 && status != 401 && status != 408) {
            problem = null;
            since = null;
        }
    }

    public void unavailable(String reason) {
        if (problem == null) {
            since = clock.instant();
        }
        problem = reason;
    }

    public boolean isUp() {
        return problem == null;
    }

    public String problem() {
        return problem;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String current = problem;
        if (current == null) {
            builder.up();
        } else {
            builder.detail("reason", current);
            builder.detail("since", String.valueOf(since));
            builder.message(current);
            builder.down();
        }
    }
}
