package io.billingsync.config;

/** A configuration problem an operator must fix before the service can start; the message says what to set. */
public final class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(String message) {
        super(message);
    }
}
