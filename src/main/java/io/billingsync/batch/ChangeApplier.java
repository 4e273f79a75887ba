package io.billingsync.batch;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeWrite;
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
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    public ChangeApplier(ProducerTemplate template, SyncMetrics metrics) {
        this.template = template;
        this.metrics = metrics;
    }

    /**
     * A write of the changes of one customer, in input order, whose requests count towards their file's.
     *
     * @param simulation a dry run's simulated profiles of this file; null in a real run
     */
    public ChangeWrite write(String sourceFile, List<ChangeEntry> entries, SimulatedProfiles simulation) {
        return ChangeWrite.of(sourceFile, entries, simulation, requests.computeIfAbsent(sourceFile, f -> new LongAdder()));
    }

    /**
     * @return one outcome per change of the write, in input order
     * @throws ProcessingHaltedException when processing must stop (the changes are left for a later run)
     */
    public List<SettledChange> apply(ChangeWrite write) {
        Exchange done = template.send(APPLY_ROUTE, e -> e.getMessage().setBody(write));
        Exception failure = done.getException();
        if (failure != null) {
            // the failure rules settle every failure but those that halt processing
            ProcessingHaltedException halt = ProcessingHaltedException.of(failure);
            if (halt != null) {
                throw halt;
            }
            throw new IllegalStateException("changes " + write.indexes() + " of "
                    + write.sourceFile() + " ended without an outcome", failure);
        }
        @SuppressWarnings("unchecked")
        List<SettledChange> settled = done.getMessage().getBody(List.class);
        if (settled == null || settled.size() != write.size()) {
            throw new IllegalStateException("changes of " + write.sourceFile() + " ended with " + settled + " instead of"
                    + " one outcome each");
        }
        return settled;
    }

    /** The Partner Center requests sent for this file's changes since the last call (retries included). */
    public long takeRequests(String sourceFile) {
        LongAdder sent = requests.remove(sourceFile);
        return sent == null ? 0 : sent.sum();
    }

    public void logOutcome(String sourceFile, ChangeOutcome o) {
        String category = o.category() == null ? null : o.category().wireName();
        metrics.outcome(sourceFile, o.outcome().wireName(), category);
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
