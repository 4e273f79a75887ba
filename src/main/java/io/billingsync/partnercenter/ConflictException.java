package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;

/**
 * The billing profile changed between our GET and PUT (HTTP 412, or 400 with code 2055): re-GET, re-merge, re-PUT.
 * The failure of the {@link FailureKind.Retry#REREAD} rule.
 */
public class ConflictException extends PartnerCenterException {
    public ConflictException(String message, int httpStatus, PartnerCenterError error) {
        this(message, FailureKind.CONFLICT, httpStatus, error);
    }

    ConflictException(String message, FailureKind kind, int httpStatus, PartnerCenterError error) {
        super(message, require(kind, FailureKind.Retry.REREAD), httpStatus, error, null, true, null);
    }
}
