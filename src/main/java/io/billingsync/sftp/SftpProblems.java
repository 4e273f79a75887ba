package io.billingsync.sftp;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps files from being fetched, for the log, the readiness check and a --once run's exit code: one ERROR
 * line for each problem when it first shows, one INFO line when a poll meets none again, nothing in between. A
 * problem found during a poll makes the poll fail, so Camel waits {@code sync.sftp.retry-interval} before the next.
 */
final class SftpProblems {
    private static final Logger LOG = LoggerFactory.getLogger(SftpProblems.class);

    /** {@code halting}: a fix by the operator is needed (host key, credentials), as for Partner Center's. */
    record Problem(String reason, boolean halting, Instant since) {
    }

    /** Told about the first problem of a --once run. */
    interface OnceListener {
        void problem(Problem problem);
    }

    private final String server;
    private final Clock clock;
    private final OnceListener once;
    private Problem current;
    private final Set<String> logged = new HashSet<>();
    private boolean inThisPoll;

    SftpProblems(String server, Clock clock, OnceListener once) {
        this.server = server;
        this.clock = clock;
        this.once = once;
    }

    synchronized void report(SftpFailure failure) {
        inThisPoll = true;
        current = new Problem(failure.reason(), failure.halting(), current == null ? clock.instant() : current.since());
        if (!logged.add(failure.reason())) {
            LOG.debug("{}: still {}", server, failure.reason());
            return;
        }
        LOG.error("Cannot fetch from {}: {}. {}", server, failure.reason(), failure.halting()
                ? "Fetching halts until this is fixed (tried again every sync.sftp.retry-interval); the local inbox goes on"
                : "Tried again every sync.sftp.retry-interval; the local inbox goes on");
        once.problem(current);
    }

    void notDelivered(RemoteFile file, Exception e) {
        report(new SftpFailure(file.printable() + " could not be fetched into the inbox: " + e.getMessage(), false));
    }

    void recoveryFailed(Exception e) {
        report(new SftpFailure("a fetch interrupted earlier cannot be finished: " + e.getMessage(), false));
    }

    synchronized void pollStarted() {
        inThisPoll = false;
    }

    /** Whether the poll that just ended met a problem; when it did not, a problem before it is over. */
    synchronized boolean pollEnded() {
        if (inThisPoll) {
            return true;
        }
        if (current != null) {
            LOG.info("Fetching from {} works again (failing since {})", server, current.since());
            current = null;
            logged.clear();
        }
        return false;
    }

    synchronized Problem current() {
        return current;
    }
}
