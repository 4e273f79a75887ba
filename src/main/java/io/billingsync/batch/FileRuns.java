package io.billingsync.batch;

import io.billingsync.profile.SimulatedProfiles;
import io.billingsync.records.Journal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Starts each file's run ({@link FileRun}) as the settings say: a dry run's simulation, the progress line. */
public final class FileRuns {
    private final boolean dryRun;
    private final Duration progressInterval;
    private final BooleanSupplier stopping;
    private final Clock clock;

    /** @param stopping whether the service is stopping */
    public FileRuns(boolean dryRun, Duration progressInterval, BooleanSupplier stopping, Clock clock) {
        this.dryRun = dryRun;
        this.progressInterval = progressInterval;
        this.stopping = stopping;
        this.clock = clock;
    }

    FileRun start(Path file, String name, Journal journal, boolean recurring) {
        return new FileRun(name, journal, recurring, dryRun ? new SimulatedProfiles() : null,
                new ProgressLog(name, ProgressLog.estimateTotal(file), progressInterval, clock), stopping);
    }
}
