package io.billingsync.route;

import io.billingsync.change.ChangeToApply;
import io.billingsync.change.ChangeWrite;
import io.billingsync.profile.MergeResult;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Outcome;
import io.billingsync.records.SettledChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The apply-change route's last step: one outcome per change of the write, applied, unchanged, would-apply or
 * dead-lettered. A change of a write of several names that write ({@code writtenWith}) and says so when a later
 * change of it overwrote every field it changed; a change that set the address carries what address validation
 * said of it.
 */
public final class ChangeOutcomes {

    private final FailureDescriptions failures;
    private final Clock clock;

    public ChangeOutcomes(FailureDescriptions failures, Clock clock) {
        this.failures = failures;
        this.clock = clock;
    }

    public List<SettledChange> applied(@Body MergedChange merged, Exchange exchange) {
        return settle(ChangeAttempt.of(exchange), merged, Outcome.APPLIED, merged.etagAfter());
    }

    public List<SettledChange> unchanged(@Body MergedChange merged, Exchange exchange) {
        return settle(ChangeAttempt.of(exchange), merged, Outcome.UNCHANGED, null);
    }

    public List<SettledChange> wouldApply(@Body MergedChange merged, Exchange exchange) {
        ChangeWrite write = merged.write();
        write.simulation().wouldWrite(write.customerId(), merged.merged());
        return settle(ChangeAttempt.of(exchange), merged, Outcome.WOULD_APPLY, null);
    }

    /** A change that changes nothing given the ones before it is unchanged, whatever the write did. */
    private static List<SettledChange> settle(ChangeAttempt attempt, MergedChange merged, Outcome written, String etagAfter) {
        ChangeWrite write = attempt.write();
        List<SettledChange> settled = new ArrayList<>();
        for (int i = 0; i < write.size(); i++) {
            ChangeToApply change = write.changes().get(i);
            MergeResult result = merged.results().get(i);
            boolean unchanged = result.unchanged();
            ChangeOutcome outcome = ChangeOutcome.settled(change.entry().index(), change.changeId(), change.customerId(),
                    unchanged ? Outcome.UNCHANGED : written, attempt.rounds(), attempt.etagBefore(),
                    unchanged ? attempt.etagBefore() : etagAfter, result.changedPaths(), attempt.correlationId(),
                    attempt.lastRequestId());
            settled.add(new SettledChange(inWrite(write, outcome.withOrder(change.order()), overwrittenBy(merged, i))
                    .withAddressValidation(attempt.addressValidationOf(change.entry().index())), null));
        }
        return settled;
    }

    /** The index of the last later change of the write that changed again every field change {@code i} changed. */
    private static Integer overwrittenBy(MergedChange merged, int i) {
        List<MergeResult> results = merged.results();
        Set<String> left = new LinkedHashSet<>(results.get(i).changedPaths());
        if (left.isEmpty()) {
            return null;
        }
        Integer last = null;
        for (int j = i + 1; j < results.size() && !left.isEmpty(); j++) {
            if (left.removeAll(results.get(j).changedPaths())) {
                last = merged.write().changes().get(j).entry().index();
            }
        }
        return left.isEmpty() ? last : null;
    }

    private static ChangeOutcome inWrite(ChangeWrite write, ChangeOutcome outcome, Integer overwrittenBy) {
        return write.size() > 1 ? outcome.inWrite(write.indexes(), overwrittenBy) : outcome;
    }

    /**
     * The write could not be applied: each of its changes settles as dead-lettered with the reason; the batch writes
     * each dead letter (the change exactly as given, with its error record) unless this is a dry run.
     */
    public List<SettledChange> deadLetter(Exchange exchange) {
        ChangeAttempt attempt = ChangeAttempt.of(exchange);
        Throwable caught = RetryDecisions.caught(exchange);
        Instant now = clock.instant();
        List<SettledChange> settled = new ArrayList<>();
        for (ChangeToApply change : attempt.write().changes()) {
            FailureRecord record = failures.describe(caught, attempt, change, now);
            ChangeOutcome outcome = ChangeOutcome.deadLettered(change.entry().index(), change.changeId(),
                    change.customerId(), attempt.rounds(), attempt.etagBefore(), attempt.correlationId(),
                    attempt.lastRequestId(), record.category(), record.message(), null);
            settled.add(new SettledChange(inWrite(attempt.write(), outcome.withOrder(change.order()), null)
                    .withAddressValidation(attempt.addressValidationOf(change.entry().index())), record));
        }
        return settled;
    }
}
