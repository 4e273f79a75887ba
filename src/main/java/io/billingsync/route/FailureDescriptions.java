package io.billingsync.route;

import io.billingsync.change.ChangeToApply;
import io.billingsync.failure.FailureCategory;
import io.billingsync.partnercenter.PartnerCenterException;
import io.billingsync.partnercenter.ConnectionFailures;
import io.billingsync.records.FailureRecord;
import java.io.IOException;
import java.time.Instant;

/** Turns what went wrong with a change into its dead-letter record: category, a sentence to act on, the ids. */
public final class FailureDescriptions {

    /** The record of the first (for a write of one, the only) change of the attempt's write. */
    public FailureRecord describe(Throwable failure, ChangeAttempt attempt, Instant now) {
        return describe(failure, attempt, attempt.write().changes().get(0), now);
    }

    /** The record of one change of the attempt's write. */
    public FailureRecord describe(Throwable failure, ChangeAttempt attempt, ChangeToApply change, Instant now) {
        PartnerCenterException pc = partnerCenterFailure(failure);
        String message = pc != null ? pc.kind().finalMessage(pc.getMessage(), attempt.rounds(), pc.retryAfter() != null)
                : "Unexpected failure while applying the change (" + failure.getClass().getSimpleName() + ": "
                + failure.getMessage() + "). Check the service log for this correlation id, then replay the change.";
        return new FailureRecord(categoryOf(failure), message,
                pc == null ? null : pc.httpStatus(), pc == null || pc.error() == null ? null : pc.error().raw(),
                attempt.rounds(), attempt.lastRequestId(), attempt.correlationId(), now, change.sourceFile(),
                change.entry().index(), change.entry().position(), change.changeId(), change.customerId());
    }

    /** The dead-letter category of a failure: anything unexpected counts as a rejection. */
    static FailureCategory categoryOf(Throwable failure) {
        PartnerCenterException pc = partnerCenterFailure(failure);
        return pc != null ? pc.kind().category() : FailureCategory.REJECTED;
    }

    private static PartnerCenterException partnerCenterFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PartnerCenterException pc) {
                return pc;
            }
            if (t instanceof IOException io) {
                return ConnectionFailures.of("request", io);
            }
        }
        return null;
    }
}
