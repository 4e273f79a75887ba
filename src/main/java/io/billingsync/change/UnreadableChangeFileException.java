package io.billingsync.change;

/** A file that cannot be read as change requests at all; the message names the file, the place and the fix. */
public final class UnreadableChangeFileException extends Exception {
    private final Integer line;
    private final Integer column;

    public UnreadableChangeFileException(String message, Integer line, Integer column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    public Integer line() {
        return line;
    }

    public Integer column() {
        return column;
    }
}
