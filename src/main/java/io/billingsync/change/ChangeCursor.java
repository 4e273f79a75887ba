package io.billingsync.change;

import java.util.Iterator;

/** The changes of one file, read one at a time. */
public interface ChangeCursor extends Iterator<ChangeEntry>, AutoCloseable {
    @Override
    void close();
}
