package io.billingsync.batch;

import io.billingsync.change.ChangeEntry;
import io.billingsync.profile.CustomerKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a file's changes are gathered into writes (sync.coalesce.max-changes). The file is read in blocks of
 * {@code blockSize} entries (64 x sync.concurrency, what the customer lanes hold anyway); within a block, a
 * customer's changes still to apply are written together, in input order, at most {@code maxChanges} per write.
 * Nothing waits for changes not yet read, and the grouping depends only on the file and what its journal has
 * settled, so a dry run predicts it and a resumed run forms the same writes again.
 */
public final class ChangeGroups {
    private final int maxChanges;
    private final int blockSize;

    public ChangeGroups(int maxChanges, int blockSize) {
        this.maxChanges = maxChanges;
        this.blockSize = maxChanges > 1 ? blockSize : 1;
    }

    /** How many entries of the file (counting every entry read) make one block. */
    int blockSize() {
        return blockSize;
    }

    static String customerKey(ChangeEntry entry) {
        return CustomerKey.of(entry.change().customerId());
    }

    /** The writes of one block's changes to apply, each in input order, ordered by their first change. */
    List<List<ChangeEntry>> writes(List<ChangeEntry> block) {
        List<List<ChangeEntry>> writes = new ArrayList<>();
        Map<String, List<ChangeEntry>> open = new HashMap<>();
        for (ChangeEntry entry : block) {
            List<ChangeEntry> write = open.get(customerKey(entry));
            if (write == null || write.size() >= maxChanges) {
                write = new ArrayList<>();
                open.put(customerKey(entry), write);
                writes.add(write);
            }
            write.add(entry);
        }
        return writes;
    }
}
