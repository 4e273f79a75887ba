package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;

/**
 * A successful response whose body is not a usable billing profile (not a JSON object, or no ETag anywhere).
 * Treated as permanent ({@link FailureKind#REJECTED}): without an ETag no safe update is possible.
 * {@link #httpStatus()} is null because the status itself was fine.
 */
public class UnexpectedResponseException extends PermanentFailureException {
    public UnexpectedResponseException(String message) {
        super(message, FailureKind.REJECTED, null, null, true);
    }
}
