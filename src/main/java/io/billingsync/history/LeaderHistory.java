package io.billingsync.history;

import io.billingsync.cluster.LeaderResource;
import io.billingsync.cluster.LeadershipLostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The change history of the instance that leads its folder set: its store is opened when this instance takes the
 * leader lock (before the first file or tick) and closed when it loses the lock or stops, so a standby never opens
 * it. Users look the open store up at each use ({@link #current()}).
 */
public final class LeaderHistory implements LeaderResource {
    /** How long a new leader waits for a former leader, stalled past its heartbeat, to close the store. */
    static final Duration LOCKED_WAIT = Duration.ofSeconds(10);

    private final Path workDir;
    private final Path doneDir;
    private final Duration retention;
    private final Clock clock;
    private volatile ChangeHistory open;

    public LeaderHistory(Path workDir, Path doneDir, Duration retention, Clock clock) {
        this.workDir = workDir;
        this.doneDir = doneDir;
        this.retention = retention;
        this.clock = clock;
    }

    /** @throws HistoryUnusableException when the store is missing or damaged: the service stops (docs/RECORDS.md) */
    @Override
    public synchronized void acquire() {
        if (open == null) {
            ChangeHistory history = ChangeHistory.open(workDir, doneDir, LOCKED_WAIT);
            history.forgetChangeIdsBefore(clock.instant().minus(retention));
            open = history;
        }
    }

    @Override
    public synchronized void release() {
        ChangeHistory history = open;
        open = null;
        if (history != null) {
            history.close();
        }
    }

    /** The desired state's progress as the store holds it; null unless this instance leads and a tick completed. */
    public DesiredStateProgress desiredStateProgress() {
        ChangeHistory history = open;
        try {
            return history == null ? null : history.desiredStateProgress();
        } catch (RuntimeException closedMeanwhile) {
            return null; // the lock was lost while it was read: this instance no longer shows it
        }
    }

    /** The open store; none is open unless this instance leads. */
    public ChangeHistory current() {
        ChangeHistory history = open;
        if (history == null) {
            throw new LeadershipLostException("the change history " + workDir.resolve(ChangeHistory.FILE_NAME)
                    + " is open only while this instance holds the leader lock");
        }
        return history;
    }
}
