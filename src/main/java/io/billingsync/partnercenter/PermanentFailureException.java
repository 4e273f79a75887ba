package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;

/** Not found (404), forbidden (403) or rejected (other 4xx): retrying cannot help; dead-letter with the reason. */
public class PermanentFailureException extends PartnerCenterException {

    public PermanentFailureException(String message, FailureKind kind, Integer httpStatus, PartnerCenterError error) {
        this(message, kind, httpStatus, error, true);
    }

    protected PermanentFailureException(String message, FailureKind kind, Integer httpStatus,
                                        PartnerCenterError error, boolean responseReceived) {
        super(message, require(kind, FailureKind.NOT_FOUND, FailureKind.FORBIDDEN, FailureKind.REJECTED),
                httpStatus, error, null, responseReceived, null);
    }
}
