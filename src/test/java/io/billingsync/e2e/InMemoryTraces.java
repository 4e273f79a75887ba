package io.billingsync.e2e;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;

/**
 * The OpenTelemetry SDK's in-memory exporter, chosen the way an operator chooses one: {@code otel.traces.exporter=memory}
 * (OTEL_TRACES_EXPORTER), found by the SDK's autoconfiguration through this provider.
 */
public final class InMemoryTraces implements ConfigurableSpanExporterProvider {
    static final String NAME = "memory";
    private static volatile InMemorySpanExporter latest;

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        latest = InMemorySpanExporter.create();
        return latest;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** Forgets the last exporter: no spans until a service with tracing on starts. */
    static void reset() {
        latest = null;
    }

    /** The spans the service that started last exported so far. */
    static List<SpanData> spans() {
        InMemorySpanExporter exporter = latest;
        return exporter == null ? List.of() : exporter.getFinishedSpanItems();
    }
}
