package io.billingsync.cluster;

import io.billingsync.failure.ProcessingHaltedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance is the one active writer of its folder set. Bound as {@code leadership}: the routes check
 * it right before each PUT, so an instance that lost the lock stops writing. Where the election lists its members
 * (Kubernetes: the ready Pods), this instance leads only while it is among them: Camel's Kubernetes election names
 * the Lease holder as leader again, although its Pod is no longer listed, until another Pod takes the Lease.
 */
public final class Leadership implements CamelClusterEventListener.Leadership, CamelClusterEventListener.Membership {
    private static final Logger LOG = LoggerFactory.getLogger(io.billingsync.cluster.Leadership.class);
    public static final String NAMESPACE = "billing-profile-sync";

    private final String lock;
    private final Runnable onTaken;
    private final LeaderResource resource;
    private final Runnable stop;
    private volatile RuntimeException refused;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean everLed = new AtomicBoolean();
    private final AtomicInteger taken = new AtomicInteger();
    private volatile boolean stoodBy;
    private volatile CamelClusterView view;
    private final List<Runnable> followers = new CopyOnWriteArrayList<>();

    /**
     * @param lock     where the lock is, for the log
     * @param onTaken  runs when the lock is taken, before the inbox consumer starts
     * @param resource acquired when the lock is taken, after {@code onTaken}; released when it is lost or on stop
     * @param stop     stops the service when the resource cannot be acquired
     */
    public Leadership(String lock, Runnable onTaken, LeaderResource resource, Runnable stop) {
        this.lock = lock;
        this.onTaken = onTaken;
        this.resource = resource;
        this.stop = stop;
    }

    @Override
    public synchronized void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
        boolean now = leader != null && leader.isLocal() && listed(view) && !stoodBy && refused == null;
        if (now && !leading.get()) {
            try {
                onTaken.run();
            } catch (RuntimeException e) {
                LOG.warn("Leading, but could not tidy up before starting: {}", e.getMessage());
            }
            try {
                resource.acquire();
            } catch (RuntimeException e) {
                refused = e;
                LOG.error("Holding the lock {}, but cannot process: {}. The service stops.", lock, e.getMessage());
                stop.run();
                return;
            }
            everLed.set(true);
            taken.incrementAndGet();
            leading.set(true);
            LOG.info("Leading: this instance holds the lock {} and processes the inbox", lock);
            followers.forEach(Runnable::run);
        } else if (!now && leading.getAndSet(false)) {
            LOG.warn("Leadership lost (lock {}): no more changes are sent from this instance", lock);
            releaseResource();
            followers.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code follower} each time this instance starts leading (once what the leader holds is acquired) or stops,
     * on the election's thread: it must only hand the work on.
     */
    public void whenChanged(Runnable follower) {
        followers.add(follower);
    }

    @Override
    public void memberAdded(CamelClusterView view, CamelClusterMember member) {
        leadershipChanged(view, view.getLeader().orElse(null));
    }

    @Override
    public void memberRemoved(CamelClusterView view, CamelClusterMember member) {
        leadershipChanged(view, view.getLeader().orElse(null));
    }

    /** An election without a member list (the file lock) lists nobody: only the lock counts there. */
    private static boolean listed(CamelClusterView view) {
        List<CamelClusterMember> members = view.getMembers();
        return members.isEmpty() || members.stream().anyMatch(CamelClusterMember::isLocal);
    }

    /** On leadership lost and on stop: the next leader may need what this instance held. */
    public void releaseResource() {
        try {
            resource.release();
        } catch (RuntimeException e) {
            LOG.warn("Could not release what the leader holds: {}", e.getMessage());
        }
    }

    /** Why this instance took the lock but could not lead (and stopped); null when it did not happen. */
    public RuntimeException refused() {
        return refused;
    }

    /** Follows the view's events; its member's own state also counts, as a stopped view sends no event. */
    void watch(CamelClusterView watched) {
        view = watched;
        watched.addEventListener(this);
    }

    public boolean isLeading() {
        CamelClusterView watched = view;
        return leading.get() && (watched == null || watched.getLocalMember().isLeader() && listed(watched));
    }

    /** Called right before a write: fails when another instance may be the writer now. */
    public void ensureLeading() {
        if (!isLeading()) {
            throw new LeadershipLostException("this instance does not hold the lock " + lock + " any more");
        }
    }

    /** The id of the instance the election names as leader, when it names one (a file lock's standby knows none). */
    public String leaderId() {
        CamelClusterView watched = view;
        return watched == null ? null : watched.getLeader().map(CamelClusterMember::getId).orElse(null);
    }

    /** Where the lock is: the file lock's folder, or the Kubernetes Lease. */
    public String lockName() {
        return lock;
    }

    public String role() {
        return isLeading() ? "leader" : "standby";
    }

    /**
     * Fencing of a change's outcome, before its dead letter or journal line is written: an instance that lost the
     * lock stops without settling the change (the new leader re-reads it).
     */
    public void ensureStillLeading() {
        if (!isLeading()) {
            throw new ProcessingHaltedException("leadership lost: the change is left for the instance now leading",
                    new LeadershipLostException("the lock " + lock + " is no longer held"));
        }
    }

    /** How often this instance started leading. */
    public int timesTaken() {
        return taken.get();
    }

    public boolean everLed() {
        return everLed.get();
    }

    /** A --once run that never got the lock within its wait. */
    public boolean stoodBy() {
        return stoodBy;
    }

    /** Ends the wait of a --once run: false when the lock was taken meanwhile. */
    synchronized boolean standByUnlessLed() {
        if (everLed.get()) {
            return false;
        }
        stoodBy = true;
        return true;
    }

    String lock() {
        return lock;
    }
}
