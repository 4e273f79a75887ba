package io.billingsync.batch;

import io.billingsync.profile.SimulatedProfiles;
import io.billingsync.records.Journal;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One file's run, shared by the thread reading the file and the lanes applying its writes: its journal, its
 * progress, a dry run's simulated profiles, the writes in flight, and whether it must stop: the first failure a
 * lane meets halts it, and so does the service stopping.
 */
final class FileRun {
    private final String name;
    private final Journal journal;
    private final boolean recurring;
    private final SimulatedProfiles simulation;
    private final ProgressLog progress;
    private final BooleanSupplier serviceStopping;
    private final BatchTracker inFlight = new BatchTracker();
    private final AtomicReference<RuntimeException> halted = new AtomicReference<>();
    private int notRead;

    /**
     * @param recurring  the desired-state file, applied again every tick
     * @param simulation a dry run's simulated profiles of this file; null in a real run
     */
    FileRun(String name, Journal journal, boolean recurring, SimulatedProfiles simulation, ProgressLog progress,
            BooleanSupplier serviceStopping) {
        this.name = name;
        this.journal = journal;
        this.recurring = recurring;
        this.simulation = simulation;
        this.progress = progress;
        this.serviceStopping = serviceStopping;
    }

    String name() {
        return name;
    }

    Journal journal() {
        return journal;
    }

    boolean recurring() {
        return recurring;
    }

    SimulatedProfiles simulation() {
        return simulation;
    }

    void changeDone() {
        progress.changeDone();
    }

    /** A desired-state entry settled as known to be in state, without a request (counted by the reading thread). */
    void notRead() {
        notRead++;
    }

    int notReadCount() {
        return notRead;
    }

    /** No more change of the file may start: a lane met a failure, or the service is stopping. */
    boolean stopping() {
        return halted.get() != null || serviceStopping.getAsBoolean();
    }

    /** The first failure halts the run; later ones are dropped. */
    void halt(RuntimeException failure) {
        halted.compareAndSet(null, failure);
    }

    void writeStarted() {
        inFlight.started();
    }

    void writeFinished() {
        inFlight.finished();
    }

    void awaitWrites() throws InterruptedException {
        inFlight.awaitIdle();
    }

    /** Refused credentials (a ProcessingHaltedException) or a failure of our own, e.g. a folder that cannot be written. */
    void throwIfHalted() {
        RuntimeException halt = halted.get();
        if (halt != null) {
            throw halt;
        }
    }
}
