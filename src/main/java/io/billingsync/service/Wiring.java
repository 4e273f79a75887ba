package io.billingsync.service;

import io.billingsync.config.SyncSettings;
import io.billingsync.metrics.SyncMetrics;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

/** What each part of the wiring builds its beans from, and binds them and registers their health checks with. */
record Wiring(CamelContext camel, SyncSettings settings, Clock clock, SyncMetrics metrics) {

    /** Under the name the routes use. */
    void bind(String name, Object bean) {
        camel.getRegistry().bind(name, bean);
    }

    /** Served at the health endpoint; nothing to do when Camel's health support is off. */
    void healthCheck(HealthCheck check) {
        HealthCheckRegistry checks = camel.getCamelContextExtension().getContextPlugin(HealthCheckRegistry.class);
        if (checks != null) {
            checks.register(check);
        }
    }

    /** Whether the service is stopping: work not yet started is left for the next run. */
    BooleanSupplier stopping() {
        return () -> camel.isStopping() || camel.isStopped();
    }
}
