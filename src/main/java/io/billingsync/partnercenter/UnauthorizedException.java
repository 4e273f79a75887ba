package io.billingsync.partnercenter;

/** HTTP 401: the access token was not accepted. Refresh it once and retry; a second 401 is final. */
public class UnauthorizedException extends PartnerCenterException {
    public UnauthorizedException(String message, PartnerCenterError error) {
        super(message, FailureKind.UNAUTHORIZED, 401, error, null, true, null);
    }
}
