package io.billingsync.route;

import io.billingsync.partnercenter.AuthenticationFailedException;
import io.billingsync.records.ChangeOutcome;
import io.billingsync.records.FailureRecord;
import io.billingsync.records.Outcome;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;

/** Settles a change: applied, unchanged, would-apply (dry run), dead-lettered, or halted for a later run. */
public final class ChangeOutcomes {

    private final FailureDescriptions failures;
    private final Clock clock;

    public ChangeOutcomes(FailureDescriptions failures, Clock clock) {
        this.failures = failures;
        this.clock = clock;
    }

    public void applied(Exchange exchange) {
        settle(ChangeRoutes.change(exchange), Outcome.APPLIED);
    }

    public void unchanged(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        change.written(change.etagBefore());
        settle(change, Outcome.UNCHANGED);
    }

    public void wouldApply(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        change.simulation().wouldWrite(change.customerId(), change.merge().merged());
        settle(change, Outcome.WOULD_APPLY);
    }

    private static void settle(ChangeInFlight change, Outcome outcome) {
        change.settle(ChangeOutcome.settled(change.entry().index(), change.changeId(), change.customerId(), outcome,
                change.rounds(), change.etagBefore(), change.etagAfter(),
                change.merge() == null ? List.of() : change.merge().changedPaths(),
                change.correlationId(), change.lastRequestId()));
    }

    /**
     * The change could not be applied: it settles as dead-lettered with the reason; the batch writes the dead
     * letter (the change exactly as given, with its error record) unless this is a dry run.
     */
    public void deadLetter(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        Throwable failure = RetryDecisions.caught(exchange);
        FailureRecord record = failures.describe(failure, change, clock.instant());
        change.deadLettered(ChangeOutcome.deadLettered(change.entry().index(), change.changeId(), change.customerId(),
                change.rounds(), change.etagBefore(), change.correlationId(), change.lastRequestId(),
                record.category(), record.message(), null), record);
    }

    /**
     * Partner Center answered 401 and the one retry is spent. A freshly issued token refused too means this change
     * may not be made: dead-lettered as forbidden. Otherwise (a static token refused, Azure AD refusing the grant)
     * no change can succeed: processing halts.
     */
    public void refused(Exchange exchange) {
        ChangeInFlight change = ChangeRoutes.change(exchange);
        if (change.tokenRefreshed() && RetryDecisions.cause(RetryDecisions.caught(exchange),
                AuthenticationFailedException.class) == null) {
            deadLetter(exchange);
        } else {
            halt(exchange);
        }
    }

    /**
     * Credentials were refused, or the server's certificate is not trusted: stop instead of dead-lettering every
     * change; the file stays for a later run.
     */
    public void halt(Exchange exchange) {
        Throwable failure = RetryDecisions.caught(exchange);
        Throwable reason = RetryDecisions.cause(failure, AuthenticationFailedException.class);
        if (reason == null) {
            reason = failure;
        }
        ChangeRoutes.change(exchange).halt(new ProcessingHaltedException(reason.getMessage(), failure));
    }
}
