package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;

/** The billing profile changed between our GET and PUT (HTTP 412, or 400 with code 2055): re-GET, re-merge, re-PUT. */
public class ConflictException extends PartnerCenterException {
    public ConflictException(String message, int httpStatus, PartnerCenterError error) {
        super(message, FailureKind.CONFLICT, httpStatus, error, null, true, null);
    }
}
