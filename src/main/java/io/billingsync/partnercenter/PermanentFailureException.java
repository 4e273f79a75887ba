package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;

/**
 * Not found (404), forbidden (403) or rejected (other 4xx): retrying cannot help; dead-letter with the reason. The
 * failure of the {@link FailureKind.Retry#NEVER} rule.
 */
public class PermanentFailureException extends PartnerCenterException {

    public PermanentFailureException(String message, FailureKind kind, Integer httpStatus, PartnerCenterError error) {
        this(message, kind, httpStatus, error, true);
    }

    protected PermanentFailureException(String message, FailureKind kind, Integer httpStatus,
                                        PartnerCenterError error, boolean responseReceived) {
        super(message, require(kind, FailureKind.Retry.NEVER),
                httpStatus, error, null, responseReceived, null);
    }
}
