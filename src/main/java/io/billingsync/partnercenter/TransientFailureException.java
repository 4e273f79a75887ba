package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;
import java.time.Duration;

/**
 * Partner Center is throttling (429) or temporarily unavailable (5xx, 408, timeout, connection failure):
 * retry later, waiting {@link #retryAfter()} when the server said how long. The failure of the
 * {@link FailureKind.Retry#WAIT} rule.
 */
public class TransientFailureException extends PartnerCenterException {

    /** A response that says "try again later". */
    public TransientFailureException(String message, FailureKind kind, int httpStatus, PartnerCenterError error,
                                     Duration retryAfter) {
        super(message, require(kind, FailureKind.Retry.WAIT), httpStatus, error, retryAfter,
                true, null);
    }

    /** No response at all: the request may or may not have reached the server. */
    public TransientFailureException(String message, Throwable cause) {
        super(message, FailureKind.TRANSIENT, null, null, null, false, cause);
    }
}
