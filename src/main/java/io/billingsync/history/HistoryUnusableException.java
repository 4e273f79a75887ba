package io.billingsync.history;

/** The history store is missing or damaged at start-up: the message says what to do. */
public final class HistoryUnusableException extends RuntimeException {
    public HistoryUnusableException(String message) {
        super(message);
    }

    public HistoryUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
