package io.billingsync.sftp;

import io.billingsync.batch.RunSummary;
import java.util.function.BooleanSupplier;

/**
 * A --once run with an SFTP server: the run may end, once the inbox is idle, only after the server was listed and
 * what was stable there fetched, or fetching failed. A failure is in the run's summary: exit 3 when halting (host
 * key, credentials), 4 otherwise, as for a file that cannot be completed; the local inbox is processed all the same.
 */
final class SftpOnceRun implements BooleanSupplier, SftpProblems.OnceListener {
    private final boolean once;
    private final RunSummary summary;
    private final String server;
    private volatile boolean done;

    SftpOnceRun(boolean once, RunSummary summary, String server) {
        this.once = once;
        this.summary = summary;
        this.server = server;
    }

    void fetched() {
        done = true;
    }

    @Override
    public void problem(SftpProblems.Problem problem) {
        if (!once || done) {
            return;
        }
        String reason = server + ": " + problem.reason();
        if (problem.halting()) {
            summary.halted(reason);
        } else {
            summary.failed(reason);
        }
        done = true;
    }

    /** Whether the inbox holds all this run will fetch. */
    @Override
    public boolean getAsBoolean() {
        return done;
    }
}
