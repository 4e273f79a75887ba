package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;
import io.billingsync.failure.HaltingFailure;

/**
 * HTTP 401: the access token was not accepted. Refresh it once and retry; a second 401 is final for the change.
 * Credentials that cannot be renewed halt processing: then this leaves the apply-change route. The failure of the
 * {@link FailureKind.Retry#NEW_TOKEN} rule.
 */
public class UnauthorizedException extends PartnerCenterException implements HaltingFailure {
    public UnauthorizedException(String message, PartnerCenterError error) {
        this(message, FailureKind.UNAUTHORIZED, 401, error);
    }

    UnauthorizedException(String message, FailureKind kind, int httpStatus, PartnerCenterError error) {
        super(message, require(kind, FailureKind.Retry.NEW_TOKEN), httpStatus, error, null, true, null);
    }
}
