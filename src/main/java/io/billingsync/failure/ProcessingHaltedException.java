package io.billingsync.failure;

/** Processing cannot go on until an operator acts (e.g. credentials refused); nothing is dead-lettered for it. */
public final class ProcessingHaltedException extends RuntimeException {
    public ProcessingHaltedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The halt a failure calls for, worded by its {@link HaltingFailure}; null when it calls for none. */
    public static ProcessingHaltedException of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HaltingFailure) {
                return new ProcessingHaltedException(t.getMessage(), failure);
            }
        }
        return null;
    }
}
