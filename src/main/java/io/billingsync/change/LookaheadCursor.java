package io.billingsync.change;

import java.util.NoSuchElementException;

/** A cursor that reads its entries one at a time as they are asked for, never the whole file at once. */
public abstract class LookaheadCursor implements ChangeCursor {
    private ChangeEntry next;
    private boolean finished;

    /** Reads on: the next entry, or null for input that holds none (a blank line, the end: then {@link #finish}). */
    protected abstract ChangeEntry readEntry();

    /** No entries follow. */
    protected final void finish() {
        finished = true;
    }

    @Override
    public final boolean hasNext() {
        while (next == null && !finished) {
            next = readEntry();
        }
        return next != null;
    }

    @Override
    public final ChangeEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ChangeEntry entry = next;
        next = null;
        return entry;
    }
}
