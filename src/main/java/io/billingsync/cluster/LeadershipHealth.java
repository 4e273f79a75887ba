package io.billingsync.cluster;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Shows the instance's role; a standby is healthy (it is ready to take over), so this check is always up. */
final class LeadershipHealth extends AbstractHealthCheck {
    private final Leadership leadership;

    LeadershipHealth(Leadership leadership) {
        super("billing-profile-sync", "leadership");
        this.leadership = leadership;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("role", leadership.role());
        builder.detail("lock", leadership.lock());
        builder.up();
    }
}
