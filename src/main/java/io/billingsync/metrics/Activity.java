package io.billingsync.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this process has done lately, kept in memory as it happens: the last change applied, the last inbox file
 * completed, the file being worked on and how many of its changes are settled, and why a file that cannot be
 * completed failed. Read by the gauges and the status endpoint; nothing here lists a folder.
 */
public final class Activity {
    /** The inbox file changes were last settled for, in this process. */
    public record CurrentFile(String name, long settled, Instant since) {
    }

    private final Clock clock;
    private volatile Instant lastApplied;
    private volatile Instant lastCompletedFile;
    private volatile String currentName;
    private volatile Instant currentSince;
    private final AtomicLong currentSettled = new AtomicLong();
    private final Map<String, String> failureCauses = new ConcurrentHashMap<>();

    public Activity(Clock clock) {
        this.clock = clock;
    }

    /** A change of {@code file} settled with {@code outcome}. */
    public void settled(String file, String outcome) {
        if ("applied".equals(outcome)) {
            lastApplied = clock.instant();
        }
        synchronized (this) {
            if (!file.equals(currentName)) {
                currentName = file;
                currentSince = clock.instant();
                currentSettled.set(0);
            }
        }
        currentSettled.incrementAndGet();
    }

    /** An inbox file was completed (archived or dead-lettered whole). */
    public void fileCompleted(String file) {
        lastCompletedFile = clock.instant();
        failureCauses.remove(file);
        synchronized (this) {
            if (file.equals(currentName)) {
                currentName = null;
                currentSince = null;
                currentSettled.set(0);
            }
        }
    }

    /** An attempt at an inbox file failed ({@code cause}: credentials, environment). */
    public void fileFailed(String file, String cause) {
        failureCauses.put(file, cause);
    }

    /** Why the file's last attempt failed: credentials or environment; null when it did not fail. */
    public String failureCause(String file) {
        return failureCauses.get(file);
    }

    /** When this process last applied a change; null when it has not. */
    public Instant lastApplied() {
        return lastApplied;
    }

    /** When this process last completed an inbox file; null when it has not. */
    public Instant lastCompletedFile() {
        return lastCompletedFile;
    }

    /** The file changes are being settled for; null when none is. */
    public synchronized CurrentFile currentFile() {
        return currentName == null ? null : new CurrentFile(currentName, currentSettled.get(), currentSince);
    }
}
