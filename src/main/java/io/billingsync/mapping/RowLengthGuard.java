package io.billingsync.mapping;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds what the CSV parser may read for one row: a quote opened and never closed would otherwise make the rest of
 * a file of any size one cell in memory. Past the limit reading fails ({@link RowTooLongException}).
 */
final class RowLengthGuard extends FilterReader {
    /** The most characters one row may have (a 10 MB cell passes; the cell is refused, the rows after it go on). */
    static final long MAX_ROW_CHARS = 16L << 20;

    static final class RowTooLongException extends IOException {
        RowTooLongException() {
            super("a row is longer than " + MAX_ROW_CHARS + " characters: a quote opened and never closed?");
        }
    }

    private final long maxRowChars;
    private long read;
    private long rowStart;

    RowLengthGuard(Reader in, long maxRowChars) {
        super(in);
        this.maxRowChars = maxRowChars;
    }

    /** A row was read that started at this character: the next cannot start before it. */
    void rowAt(long start) {
        rowStart = start;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (read - rowStart > maxRowChars) {
            throw new RowTooLongException();
        }
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            read += n;
        }
        return n;
    }
}
