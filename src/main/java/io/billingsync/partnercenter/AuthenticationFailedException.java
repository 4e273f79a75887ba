package io.billingsync.partnercenter;

import io.billingsync.failure.HaltingFailure;

/**
 * Azure AD refused to issue an access token (expired or revoked refresh token, wrong client secret, ...).
 * Processing stops until an operator acts; the message says what to do and never contains a secret.
 */
public final class AuthenticationFailedException extends RuntimeException implements HaltingFailure {
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
