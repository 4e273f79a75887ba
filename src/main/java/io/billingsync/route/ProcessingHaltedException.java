package io.billingsync.route;

/** Processing cannot go on until an operator acts (e.g. credentials refused); nothing is dead-lettered for it. */
public final class ProcessingHaltedException extends RuntimeException {
    public ProcessingHaltedException(String message, Throwable cause) {
        super(message, cause);
    }
}
