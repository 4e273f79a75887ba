package io.billingsync.batch;

import io.billingsync.change.UnreadableChangeFileException;
import io.billingsync.records.DoneFolder;
import io.billingsync.records.Journal;
import io.billingsync.records.OpenedFile;
import io.billingsync.records.ResultRecordWriter;
import io.billingsync.records.ResultSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desired-state timer's step: the desired-state file through the same path as inbox files; it stays in place. */
public final class DesiredState {
    private static final Logger LOG = LoggerFactory.getLogger(DesiredState.class);

    private final FileChanges changes;
    private final DoneFolder done;
    private final ResultRecordWriter results;
    private final Path workDir;
    private final Path desiredStateFile;
    private final boolean dryRun;
    private final Clock clock;

    public DesiredState(FileChanges changes, DoneFolder done, ResultRecordWriter results, Path workDir,
                        Path desiredStateFile, boolean dryRun, Clock clock) {
        this.changes = changes;
        this.done = done;
        this.results = results;
        this.workDir = workDir;
        this.desiredStateFile = desiredStateFile;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    public void reconcile() throws InterruptedException {
        Path file = desiredStateFile;
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            LOG.error("Desired-state file {} does not exist or is not a regular file: check sync.desired-state.file;"
                    + " retrying on the next tick", file);
            return;
        }
        Instant started = clock.instant();
        Journal journal = Journal.fresh(workDir, ".desired-state");
        try (OpenedFile opened = OpenedFile.open(file)) {
            int notRead = changes.applyAll(opened, file, name, journal, true);
            String recordName = "desired-state-" + started.toString().replace(':', '-');
            ResultSummary counts = results.write(done.dir(), recordName, journal, started, clock.instant(), dryRun);
            LOG.info("Desired state {}: {} customer change(s): {} applied, {} unchanged ({} of them not read: known to"
                    + " be in state), {} dead-lettered; {}", name, counts.total(), counts.applied(), counts.unchanged(),
                    notRead, counts.deadLettered(),
                    new RunSummary.FileResult(name, counts, null, changes.takeRequests(name)).requestsPerChange());
        } catch (UnreadableChangeFileException | IOException e) {
            LOG.error("Desired-state file {} cannot be read: {} - retrying on the next tick", file, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Desired-state reconciliation stopped: {}", e.getMessage());
        } finally {
            journal.delete();
        }
    }
}
