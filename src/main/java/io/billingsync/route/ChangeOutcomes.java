package io.billingsync.route;

import io.billingsync.change.ChangeToApply;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Outcome;
import io.billingsync.records.SettledChange;
import java.time.Clock;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/** The apply-change route's last step: the outcome of the change, applied, unchanged, would-apply or dead-lettered. */
public final class ChangeOutcomes {

    private final FailureDescriptions failures;
    private final Clock clock;

    public ChangeOutcomes(FailureDescriptions failures, Clock clock) {
        this.failures = failures;
        this.clock = clock;
    }

    public SettledChange applied(@Body MergedChange merged, Exchange exchange) {
        return settle(ChangeAttempt.of(exchange), merged, Outcome.APPLIED, merged.etagAfter());
    }

    public SettledChange unchanged(@Body MergedChange merged, Exchange exchange) {
        ChangeAttempt attempt = ChangeAttempt.of(exchange);
        return settle(attempt, merged, Outcome.UNCHANGED, attempt.etagBefore());
    }

    public SettledChange wouldApply(@Body MergedChange merged, Exchange exchange) {
        ChangeToApply change = merged.change();
        change.simulation().wouldWrite(change.customerId(), merged.result().merged());
        return settle(ChangeAttempt.of(exchange), merged, Outcome.WOULD_APPLY, null);
    }

    private static SettledChange settle(ChangeAttempt attempt, MergedChange merged, Outcome outcome, String etagAfter) {
        ChangeToApply change = attempt.change();
        return new SettledChange(ChangeOutcome.settled(change.entry().index(), change.changeId(), change.customerId(),
                outcome, attempt.rounds(), attempt.etagBefore(), etagAfter, merged.result().changedPaths(),
                attempt.correlationId(), attempt.lastRequestId()).withOrder(change.order()), null);
    }

    /**
     * The change could not be applied: it settles as dead-lettered with the reason; the batch writes the dead
     * letter (the change exactly as given, with its error record) unless this is a dry run.
     */
    public SettledChange deadLetter(Exchange exchange) {
        ChangeAttempt attempt = ChangeAttempt.of(exchange);
        ChangeToApply change = attempt.change();
        FailureRecord record = failures.describe(RetryDecisions.caught(exchange), attempt, clock.instant());
        return new SettledChange(ChangeOutcome.deadLettered(change.entry().index(), change.changeId(),
                change.customerId(), attempt.rounds(), attempt.etagBefore(), attempt.correlationId(),
                attempt.lastRequestId(), record.category(), record.message(), null).withOrder(change.order()), record);
    }
}
