package io.billingsync.metrics;

import io.opentelemetry.api.trace.Span;

/**
 * What the spans of a trace carry (sync.tracing.enabled, docs/MONITORING.md): ids and file names only, never a
 * profile's values. Each call names the span current where it is made: the route's span around a file, a write or
 * one Partner Center call. With tracing off the current span is a no-op and so is each call.
 */
public final class TraceAttributes {
    private TraceAttributes() {
    }

    /** The inbox file being processed. */
    public static void file(String name) {
        Span.current().setAttribute("billing_sync.file", name);
    }

    /**
     * One write of a customer's changes (their change ids, comma-separated). A write runs on a customer's lane, in a
     * trace of its own: the file's name links it to the file's trace.
     */
    public static void write(String sourceFile, String customerId, String changeIds, String correlationId) {
        ids(customerId, changeIds, correlationId).setAttribute("billing_sync.file", sourceFile);
    }

    /** One Partner Center request: its customer, the write's change ids and its MS-CorrelationId and MS-RequestId. */
    public static void call(String customerId, String changeIds, String correlationId, String requestId) {
        ids(customerId, changeIds, correlationId).setAttribute("ms_request_id", requestId);
    }

    private static Span ids(String customerId, String changeIds, String correlationId) {
        Span span = Span.current();
        span.setAttribute("billing_sync.customer_id", customerId);
        span.setAttribute("billing_sync.change_ids", changeIds);
        span.setAttribute("ms_correlation_id", correlationId);
        return span;
    }
}
