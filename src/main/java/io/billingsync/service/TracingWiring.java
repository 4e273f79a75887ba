package io.billingsync.service;

import io.billingsync.config.SettingsTable;
import io.billingsync.config.SyncSettings;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.support.service.ServiceSupport;

/**
 * {@code sync.tracing.enabled}: Camel's OpenTelemetry tracer over an SDK set up from the standard {@code OTEL_*}
 * environment (or {@code otel.*} system properties): the exporter, its endpoint, the service name. Only traces are
 * exported; spans of the inbox's polls and the timer's ticks are left out, so a trace starts at a file or a write.
 */
final class TracingWiring implements CamelConfiguration {
    /** Below the environment and system properties: what this service means unless they say otherwise. */
    static final Map<String, String> DEFAULTS = Map.of("otel.service.name", "billing-profile-sync",
            "otel.metrics.exporter", "none", "otel.logs.exporter", "none",
            // the JDK's HTTP client sends OTLP over HTTP (port 4318), not gRPC
            "otel.exporter.otlp.protocol", "http/protobuf");

    private final SyncSettings settings;

    TracingWiring(SyncSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        if (!settings.value(SettingsTable.TRACING)) {
            return;
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> DEFAULTS)
                .build().getOpenTelemetrySdk();
        camel.getRegistry().bind("openTelemetryTracer", Tracer.class, sdk.getTracer("billing-profile-sync"));
        camel.getRegistry().bind("openTelemetryPropagators", ContextPropagators.class, sdk.getPropagators());
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.init(camel);
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                sdk.shutdown().join(10, TimeUnit.SECONDS); // spans still buffered go out before the process ends
            }
        });
    }
}
