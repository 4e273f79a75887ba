package io.billingsync.batch;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeWrite;
import io.billingsync.cluster.Leadership;
import io.billingsync.failure.ProcessingHaltedException;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.profile.SimulatedProfiles;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.SettledChange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one write (1..N valid changes of one customer) through the apply-change route and counts the requests it
 * took per file; logs outcomes (ids only, no personal data).
 */
public final class ChangeApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);
    static final String APPLY_ROUTE = "direct:apply-change";

    private final ProducerTemplate template;
    private final SyncMetrics metrics;
    private final Leadership leadership;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    public ChangeApplier(ProducerTemplate template, SyncMetrics metrics, Leadership leadership) {
        this.template = template;
        this.metrics = metrics;
        this.leadership = leadership;
    }

    /**
     * @param entries    the changes of one customer to write together, in input order
     * @param simulation a dry run's simulated profiles of this file; null in a real run
     * @return one outcome per change, in input order
     * @throws ProcessingHaltedException when processing must stop (the changes are left for a later run)
     */
    public List<SettledChange> apply(String sourceFile, List<ChangeEntry> entries, SimulatedProfiles simulation) {
        ChangeWrite write = ChangeWrite.of(sourceFile, entries, simulation,
                requests.computeIfAbsent(sourceFile, f -> new LongAdder()));
        Exchange done = template.send(APPLY_ROUTE, e -> e.getMessage().setBody(write));
        Exception failure = done.getException();
        if (failure != null) {
            // the failure rules settle every failure but those that halt processing
            ProcessingHaltedException halt = ProcessingHaltedException.of(failure);
            if (halt != null) {
                throw halt;
            }
            throw new IllegalStateException("changes " + write.indexes() + " of "
                    + sourceFile + " ended without an outcome", failure);
        }
        @SuppressWarnings("unchecked")
        List<SettledChange> settled = done.getMessage().getBody(List.class);
        if (settled == null || settled.size() != entries.size()) {
            throw new IllegalStateException("changes of " + sourceFile + " ended with " + settled + " instead of one"
                    + " outcome each");
        }
        return settled;
    }

    /** The Partner Center requests sent for this file's changes since the last call (retries included). */
    public long takeRequests(String sourceFile) {
        LongAdder sent = requests.remove(sourceFile);
        return sent == null ? 0 : sent.sum();
    }

    /**
     * Fencing of every outcome, applied or settled without a request (an invalid entry): an instance that lost the
     * lock writes no dead letter or journal line.
     *
     * @throws ProcessingHaltedException when another instance may be the writer now
     */
    public void ensureStillLeading() {
        leadership.ensureStillLeading();
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
