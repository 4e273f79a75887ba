package io.billingsync.route;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.partnercenter.ConflictException;
import io.billingsync.partnercenter.PartnerCenterException;
import io.billingsync.partnercenter.ResponseClassifier;
import io.billingsync.partnercenter.UnauthorizedException;
import io.billingsync.records.FailureCategory;
import io.billingsync.records.FailureRecord;
import java.io.IOException;
import java.time.Instant;

/** Turns what went wrong with a change into its dead-letter record: category, a sentence to act on, the ids. */
public final class FailureDescriptions {

    public FailureRecord describe(Throwable failure, ChangeInFlight change, Instant now) {
        PartnerCenterException pc = partnerCenterFailure(failure);
        FailureCategory category = pc != null ? category(pc) : FailureCategory.REJECTED;
        String message;
        if (pc instanceof ConflictException) {
            message = "Gave up after " + change.rounds() + " attempts: " + pc.getMessage();
        } else if (pc != null && category == FailureCategory.UNAVAILABLE) {
            message = (pc.retryAfter() != null
                    ? "Partner Center asked for a wait (Retry-After) longer than what was left of the retry budget (sync.retry.max-duration): "
                    : "Partner Center stayed unavailable for the whole retry budget (sync.retry.max-duration): ")
                    + pc.getMessage() + " Replay the change when Partner Center is back.";
        } else if (pc instanceof UnauthorizedException) {
            message = "Partner Center refused a newly issued access token too: " + pc.getMessage()
                    + " Check that the signed-in user may manage this customer's billing profile, then replay the change.";
        } else if (pc != null) {
            message = pc.getMessage();
        } else {
            message = "Unexpected failure while applying the change (" + failure.getClass().getSimpleName() + ": "
                    + failure.getMessage() + "). Check the service log for this correlation id, then replay the change.";
        }
        return new FailureRecord(category, message, pc == null ? null : pc.httpStatus(),
                pc == null || pc.error() == null ? null : pc.error().raw(), change.rounds(), change.lastRequestId(),
                change.correlationId(), now, change.sourceFile(), change.entry().index(), change.entry().position(),
                change.changeId(), change.customerId());
    }

    private static PartnerCenterException partnerCenterFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PartnerCenterException pc) {
                return pc;
            }
            if (t instanceof IOException io) {
                return ResponseClassifier.fromIoFailure("request", io);
            }
        }
        return null;
    }

    static FailureCategory category(PartnerCenterException failure) {
        return FailureCategory.fromWireName(failure.kind().deadLetterCategory());
    }

    /** A change rejected before any request: what is wrong, where, and the fix. */
    public FailureRecord invalid(String sourceFile, ChangeEntry entry, Instant now) {
        return new FailureRecord(FailureCategory.INVALID, sourceFile + ", " + entry.position() + ": " + entry.problem(),
                null, null, 0, null, null, now, sourceFile, entry.index(), entry.position(), entry.changeId(),
                entry.customerId());
    }

    /** A file that cannot be read as change requests at all. */
    public FailureRecord unreadable(String sourceFile, UnreadableChangeFileException e, Instant now) {
        String position = e.line() == null ? null : "line " + e.line() + ", column " + e.column();
        return new FailureRecord(FailureCategory.INVALID, e.getMessage(), null, null, 0, null, null, now, sourceFile,
                null, position, null, null);
    }
}
