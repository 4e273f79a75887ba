package io.billingsync.batch;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeToApply;
import io.billingsync.cluster.Leadership;
import io.billingsync.failure.ProcessingHaltedException;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.profile.SimulatedProfiles;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.SettledChange;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one valid change through the apply-change route; logs outcomes (ids only, no personal data). */
public final class ChangeApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);
    static final String APPLY_ROUTE = "direct:apply-change";

    private final ProducerTemplate template;
    private final SyncMetrics metrics;

    public ChangeApplier(ProducerTemplate template, SyncMetrics metrics) {
        this.template = template;
        this.metrics = metrics;
    }

    /**
     * @param simulation a dry run's simulated profiles of this file; null in a real run
     * @throws ProcessingHaltedException when processing must stop (the change is left for a later run)
     */
    public SettledChange apply(String sourceFile, ChangeEntry entry, SimulatedProfiles simulation) {
        try {
            return template.requestBody(APPLY_ROUTE, new ChangeToApply(sourceFile, entry, simulation), SettledChange.class);
        } catch (CamelExecutionException e) {
            // the failure rules settle every failure but those that halt processing
            ProcessingHaltedException halt = ProcessingHaltedException.of(e.getCause());
            if (halt != null) {
                throw halt;
            }
            throw new IllegalStateException("change " + entry.index() + " of " + sourceFile + " ended without an outcome",
                    e.getCause());
        }
    }

    /**
     * Fencing of every outcome, applied or settled without a request (an invalid entry): an instance that lost the
     * lock writes no dead letter or journal line.
     *
     * @throws ProcessingHaltedException when another instance may be the writer now
     */
    public void ensureStillLeading() {
        Leadership.ensureStillLeading(template.getCamelContext());
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
