package io.billingsync.batch;

import io.billingsync.change.ChangeEntry;
import io.billingsync.cluster.Leadership;
import io.billingsync.partnercenter.RequestIds;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.route.ChangeInFlight;
import io.billingsync.route.ProcessingHaltedException;
import io.billingsync.route.SimulatedProfiles;
import io.billingsync.route.SyncMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one valid change through the apply-change route; logs outcomes (ids only, no personal data). */
public final class ChangeApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);
    static final String APPLY_ROUTE = "direct:apply-change";

    private final CamelContext camel;
    private final ProducerTemplate template;
    private final SyncMetrics metrics;

    public ChangeApplier(CamelContext camel, ProducerTemplate template, SyncMetrics metrics) {
        this.camel = camel;
        this.template = template;
        this.metrics = metrics;
    }

    /**
     * @param simulation a dry run's simulated profiles of this file; null in a real run
     * @throws ProcessingHaltedException when processing must stop (the change is left for a later run)
     */
    public SettledChange apply(String sourceFile, ChangeEntry entry, SimulatedProfiles simulation) {
        ChangeInFlight change = new ChangeInFlight(sourceFile, entry, RequestIds.newCorrelationId(), simulation);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ChangeInFlight.PROPERTY, change);
        template.send(APPLY_ROUTE, exchange);
        if (change.halt() != null) {
            throw (RuntimeException) change.halt();
        }
        Leadership.ensureStillLeading(camel);
        if (exchange.getException() != null || change.outcome() == null) {
            throw new IllegalStateException("change " + entry.index() + " of " + sourceFile + " ended without an outcome",
                    exchange.getException());
        }
        return new SettledChange(change.outcome(), change.failure());
    }

    public void logOutcome(String sourceFile, ChangeOutcome o) {
        String category = o.category() == null ? null : o.category().wireName();
        metrics.outcome(o.outcome().wireName(), category);
        if (category == null) {
            LOG.info("{} #{}: {} customer={} changeId={} correlationId={} attempts={}", sourceFile, o.index(),
                    o.outcome().wireName(), o.customerId(), o.changeId(), o.correlationId(), o.attempts());
        } else {
            LOG.warn("{} #{}: {} ({}) customer={} changeId={} correlationId={} attempts={} -> {}", sourceFile,
                    o.index(), o.outcome().wireName(), category, o.customerId(), o.changeId(), o.correlationId(),
                    o.attempts(), o.deadLetterFile());
        }
    }
}
