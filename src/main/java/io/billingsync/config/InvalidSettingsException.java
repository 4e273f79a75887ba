package io.billingsync.config;

/** A configuration problem an operator must fix before the service can start; the message says what to set. */
public final class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(String message) {
        super(message);
    }

    /** Every problem at once, so an operator fixes the configuration in one go. */
    public static InvalidSettingsException of(java.util.List<String> problems) {
        return new InvalidSettingsException("configuration problem" + (problems.size() > 1 ? "s" : "") + ":\n  - "
                + String.join("\n  - ", problems));
    }
}
