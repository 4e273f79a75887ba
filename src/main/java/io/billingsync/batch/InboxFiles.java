package io.billingsync.batch;

import io.billingsync.failure.ProcessingHaltedException;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.metrics.TraceAttributes;
import java.io.File;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox route's step for one picked-up file: starts it only when no earlier-named file is unsettled and its
 * own back-off is over ({@link FileRetries}), and turns a failure into one log line per episode, a metric, a
 * DOWN health check, and the end of a {@code --once} run. The file stays in the inbox until it completes.
 */
public final class InboxFiles {
    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);

    private final ChangeFiles changeFiles;
    private final FileRetries retries;
    private final RunSummary summary;
    private final RunMode runMode;
    private final SyncMetrics metrics;
    private final BooleanSupplier stopping;

    public InboxFiles(ChangeFiles changeFiles, FileRetries retries, RunSummary summary, RunMode runMode,
                      SyncMetrics metrics, BooleanSupplier stopping) {
        this.changeFiles = changeFiles;
        this.retries = retries;
        this.summary = summary;
        this.runMode = runMode;
        this.metrics = metrics;
        this.stopping = stopping;
    }

    public void process(File inboxFile) {
        String name = inboxFile.getName();
        String earlier = retries.heldBackBy(name);
        if (earlier != null) {
            LOG.debug("{}: waiting for {} to complete first", name, earlier);
            return;
        }
        if (!retries.due(name)) {
            return;
        }
        TraceAttributes.file(name);
        try {
            if (changeFiles.process(inboxFile)) {
                completed(name);
            } else {
                retries.interrupted(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retries.interrupted(name);
        } catch (Exception e) {
            if (stopping.getAsBoolean()) {
                retries.interrupted(name);
            } else {
                failed(name, e);
            }
        }
    }

    private void completed(String name) {
        metrics.fileCompleted(name);
        FileRetries.Unsettled episode = retries.settled(name);
        if (episode != null) {
            LOG.info("{}: completed after {} failed attempt(s) since {}", name, episode.attempts(), episode.since());
        }
    }

    private void failed(String name, Exception e) {
        boolean credentials = e instanceof ProcessingHaltedException;
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        FileRetries.Unsettled state = retries.failed(name, reason);
        metrics.fileFailed(name, credentials ? "credentials" : "environment");
        LOG.debug("{}: attempt {} failed", name, state.attempts(), e);
        if (state.attempts() > 1) {
            return;
        }
        LOG.error("{}: cannot be completed now and stays in the inbox; later files wait for it. Retrying in {} ms, then"
                + " less and less often until it completes: {}", name,
                Duration.between(state.since(), state.nextAttempt()).toMillis(), reason);
        if (credentials) {
            summary.halted(name + ": " + reason);
        } else {
            summary.failed(name + ": " + reason);
        }
        runMode.halted();
    }
}
