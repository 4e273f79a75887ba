package io.billingsync.batch;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeWrite;
import io.billingsync.failure.ProcessingHaltedException;
import io.billingsync.history.HistoryKeeper;
import io.billingsync.history.ScreenedWrite;
import io.billingsync.records.SettledChange;
import java.util.List;

/**
 * A file's changes to send, block by block, as writes through the customer lanes (input order per customer,
 * customers in parallel; a customer's changes of one block together as one write when coalescing is on,
 * {@link ChangeGroups}). In its lane each write is screened by the history, what is left of it is sent through the
 * apply-change route, and its outcomes are settled.
 */
public final class WriteLanes {
    private final CustomerLanes lanes;
    private final ChangeGroups groups;
    private final HistoryKeeper history;
    private final ChangeApplier applier;
    private final ChangeSettler settler;

    public WriteLanes(CustomerLanes lanes, ChangeGroups groups, HistoryKeeper history, ChangeApplier applier,
                      ChangeSettler settler) {
        this.lanes = lanes;
        this.groups = groups;
        this.history = history;
        this.applier = applier;
        this.settler = settler;
    }

    /** How many entries of the file (counting every entry read) make one block. */
    int blockSize() {
        return groups.blockSize();
    }

    /** The block's changes to their customers' lanes, as writes; the block is emptied. */
    void submitAll(List<ChangeEntry> block, FileRun run) throws InterruptedException {
        for (List<ChangeEntry> write : groups.writes(block)) {
            if (run.stopping()) {
                break;
            }
            run.writeStarted();
            lanes.submit(ChangeGroups.customerKey(write.get(0)), write.size(), () -> {
                try {
                    // queued changes not yet started when the service stops stay for the next run
                    if (!run.stopping()) {
                        settler.settleWrite(run, write, apply(run, write));
                    }
                } catch (RuntimeException e) {
                    run.halt(e);
                } finally {
                    run.writeFinished();
                }
            });
        }
        block.clear();
    }

    /** One outcome per change of the write, in input order: those the screen kept back and those of the changes sent. */
    private List<SettledChange> apply(FileRun run, List<ChangeEntry> entries) {
        ScreenedWrite screened = screen(applier.write(run.name(), entries, run.simulation()));
        return screened.withKeptBack(screened.toSend() == null ? List.of() : applier.apply(screened.toSend()));
    }

    /** A store closed by a leadership lost meanwhile halts processing, as it would in the apply-change route. */
    private ScreenedWrite screen(ChangeWrite write) {
        try {
            return history.screen(write);
        } catch (RuntimeException e) {
            ProcessingHaltedException halt = ProcessingHaltedException.of(e);
            throw halt != null ? halt : e;
        }
    }

    /** The Partner Center requests sent for this file's changes since the last call. */
    long takeRequests(String name) {
        return applier.takeRequests(name);
    }
}
