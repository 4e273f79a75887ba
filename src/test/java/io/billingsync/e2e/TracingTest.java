package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * sync.tracing.enabled with the exporter the OTEL_* settings name (here the SDK's in-memory one): a span for the file,
 * one per write and one per Partner Center call, carrying the customer id, the change ids and the MS-CorrelationId
 * the result record names; no value of a profile in any attribute.
 */
@ExtendWith(SyncServiceExtension.class)
class TracingTest {
    static final AttributeKey<String> FILE = AttributeKey.stringKey("billing_sync.file");
    static final AttributeKey<String> CUSTOMER = AttributeKey.stringKey("billing_sync.customer_id");
    static final AttributeKey<String> CHANGE_IDS = AttributeKey.stringKey("billing_sync.change_ids");
    static final AttributeKey<String> CORRELATION = AttributeKey.stringKey("ms_correlation_id");
    static final AttributeKey<String> REQUEST = AttributeKey.stringKey("ms_request_id");

    SyncHarness harness;

    @BeforeEach
    void exportToMemory() {
        System.setProperty("otel.traces.exporter", InMemoryTraces.NAME);
        System.setProperty("otel.bsp.schedule.delay", "50");
        InMemoryTraces.reset();
    }

    @AfterEach
    void forget() {
        System.clearProperty("otel.traces.exporter");
        System.clearProperty("otel.bsp.schedule.delay");
    }

    @Test
    void noSpanWhenTracingIsOff() throws Exception {
        String customer = harness.sandbox.addCustomers(1).get(0);
        harness.start(Map.of());
        harness.drop("untraced.json", "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"A\"}}");
        harness.awaitResult("untraced.json", Duration.ofSeconds(30));
        assertThat(InMemoryTraces.spans()).isEmpty();
    }

    @Test
    void aSpanPerFileWriteAndCallWithIdsAndNoPersonalData() throws Exception {
        List<String> customers = harness.sandbox.addCustomers(2);
        harness.start(Map.of("sync.tracing.enabled", "true", "sync.coalesce.max-changes", "8"));
        harness.drop("traced.ndjson", "{\"customerId\":\"" + customers.get(0) + "\",\"changeId\":\"erp-1\",\"changes\":"
                + "{\"email\":\"jane.doe@contoso.com\",\"companyName\":\"Jane Doe Consulting\"}}\n"
                + "{\"customerId\":\"" + customers.get(1) + "\",\"changeId\":\"erp-2\",\"changes\":{\"firstName\":\"Zebulon\"}}\n");
        JsonNode result = harness.awaitResult("traced.ndjson", Duration.ofSeconds(30));
        String correlationId = result.path("changes").get(0).path("correlationId").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> InMemoryTraces.spans().stream()
                .filter(s -> customers.get(1).equals(s.getAttributes().get(CUSTOMER)) && s.getAttributes().get(REQUEST) != null).count() >= 2);
        List<SpanData> spans = InMemoryTraces.spans();

        assertThat(spans).as("the file's span").anyMatch(s -> "traced.ndjson".equals(s.getAttributes().get(FILE))
                && s.getAttributes().get(CUSTOMER) == null);
        List<SpanData> writes = spans.stream().filter(s -> s.getAttributes().get(CUSTOMER) != null
                && s.getAttributes().get(REQUEST) == null).toList();
        assertThat(writes).as("one span per write, naming its file").hasSize(2)
                .allMatch(s -> "traced.ndjson".equals(s.getAttributes().get(FILE)));
        assertThat(writes).anyMatch(s -> customers.get(0).equals(s.getAttributes().get(CUSTOMER))
                && "erp-1".equals(s.getAttributes().get(CHANGE_IDS)) && correlationId.equals(s.getAttributes().get(CORRELATION)));
        List<SpanData> calls = spans.stream().filter(s -> s.getAttributes().get(REQUEST) != null).toList();
        assertThat(calls).as("a GET and a PUT per customer").hasSize(4)
                .allMatch(s -> s.getAttributes().get(CORRELATION) != null && s.getAttributes().get(CHANGE_IDS) != null);
        assertThat(calls.stream().filter(s -> customers.get(0).equals(s.getAttributes().get(CUSTOMER))))
                .allMatch(s -> correlationId.equals(s.getAttributes().get(CORRELATION)));
        assertThat(spans).as("each call's span has the HTTP request's span under it")
                .anyMatch(child -> calls.stream().anyMatch(call -> call.getSpanId().equals(child.getParentSpanId())));

        String everything = spans.stream().map(s -> s.getName() + " " + s.getAttributes()).reduce("", String::concat);
        assertThat(everything).as("no personal data in a span").doesNotContain("jane.doe@contoso.com", "Jane Doe", "Zebulon");
    }
}
