package io.billingsync.service;

import io.billingsync.batch.ChangeApplier;
import io.billingsync.batch.ChangeFiles;
import io.billingsync.batch.ChangeGroups;
import io.billingsync.batch.ChangeSettler;
import io.billingsync.batch.CustomerLanes;
import io.billingsync.batch.DesiredState;
import io.billingsync.batch.DesiredStateHealth;
import io.billingsync.batch.FileChanges;
import io.billingsync.batch.FileRetries;
import io.billingsync.batch.FileRuns;
import io.billingsync.batch.InboxFileFilter;
import io.billingsync.batch.InboxFiles;
import io.billingsync.batch.InboxHealth;
import io.billingsync.batch.RunMode;
import io.billingsync.batch.RunSummary;
import io.billingsync.batch.UnusableFileNames;
import io.billingsync.batch.WriteLanes;
import io.billingsync.cluster.Leadership;
import io.billingsync.config.SyncSettings;
import io.billingsync.history.DesiredStateProgress;
import io.billingsync.history.HistoryKeeper;
import io.billingsync.history.LeaderHistory;
import io.billingsync.mapping.InputFormats;
import io.billingsync.records.DeadLetterFolder;
import io.billingsync.records.DoneFolder;
import io.billingsync.records.ResultRecordWriter;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

/**
 * Files and their changes: the inbox route's and the desired-state timer's beans, and what applies each change and
 * settles its outcome, with the change history's owner ({@link HistoryKeeper}).
 */
final class BatchBeans {
    private final Wiring wiring;
    private final SyncSettings settings;
    private final Clock clock;
    private final RunSummary summary;
    private final Runnable stop;
    /** Null when the history is off. */
    private final LeaderHistory history;
    private final Leadership leadership;
    private final InputFormats formats;

    BatchBeans(Wiring wiring, RunSummary summary, Runnable stop, LeaderHistory history, Leadership leadership,
               InputFormats formats) {
        this.wiring = wiring;
        this.settings = wiring.settings();
        this.clock = wiring.clock();
        this.summary = summary;
        this.stop = stop;
        this.history = history;
        this.leadership = leadership;
        this.formats = formats;
    }

    /** @return how the run ends (--once), for the other sources of files to join */
    RunMode bind() throws Exception {
        RunMode runMode = new RunMode(settings.once(), stop);
        wiring.bind("runMode", runMode);
        DeadLetterFolder deadLetters = new DeadLetterFolder(settings.deadLetter());
        FileChanges fileChanges = fileChanges(deadLetters);
        DoneFolder done = new DoneFolder(settings.done());
        ChangeFiles changeFiles = new ChangeFiles(fileChanges, deadLetters, done, new ResultRecordWriter(), summary,
                settings.work(), settings.dryRun(), clock);
        wiring.bind("desiredState", new DesiredState(fileChanges, done, new ResultRecordWriter(), settings.work(),
                settings.desiredStateFile(), settings.dryRun(), clock));
        if (settings.desiredStateEnabled() && history != null) {
            showDesiredStateProgress();
        }
        FileRetries retries = new FileRetries(settings.inbox(), settings.pollInterval(), settings.inboxMaxBackoff(), clock);
        wiring.bind("fileRetries", retries);
        wiring.bind("inboxFiles", new InboxFiles(changeFiles, retries, summary, runMode, wiring.metrics(), wiring.stopping()));
        wiring.healthCheck(new InboxHealth(retries));
        UnusableFileNames.warnUnlessUtf8();
        wiring.bind("inboxFileFilter", new InboxFileFilter(new UnusableFileNames(settings.inbox(), deadLetters, summary,
                settings.dryRun(), clock), leadership::isLeading));
        return runMode;
    }

    /** The desired state's progress in health and metrics, read from the store while this instance leads. */
    private void showDesiredStateProgress() throws Exception {
        wiring.healthCheck(new DesiredStateHealth(history::desiredStateProgress, settings.desiredStateDriftCheckInterval()));
        wiring.camel().addStartupListener((context, alreadyStarted) -> wiring.metrics().desiredState(
                () -> progress(p -> p.inState()), () -> progress(p -> p.pending()),
                () -> progress(p -> p.lastFullDriftPass() == null ? Double.NaN : p.lastFullDriftPass().getEpochSecond())));
    }

    private double progress(ToDoubleFunction<DesiredStateProgress> value) {
        DesiredStateProgress progress = history.desiredStateProgress();
        return progress == null ? Double.NaN : value.applyAsDouble(progress);
    }

    /** One file's changes: read, screened by the history, sent through the customer lanes, settled. */
    private FileChanges fileChanges(DeadLetterFolder deadLetters) {
        HistoryKeeper keeper = history == null ? HistoryKeeper.off()
                : new HistoryKeeper(history, settings.historyRetention(), settings.dryRun(),
                        settings.desiredStateDriftCheckInterval(), clock);
        ChangeApplier applier = new ChangeApplier(wiring.camel().createProducerTemplate(), wiring.metrics());
        ChangeSettler settler = new ChangeSettler(keeper, deadLetters, leadership, applier, settings.dryRun(), clock);
        int queued = settings.concurrency() * 64;
        WriteLanes writes = new WriteLanes(new CustomerLanes(settings.concurrency(), queued),
                new ChangeGroups(settings.coalesceMaxChanges(), queued), keeper, applier, settler);
        FileRuns runs = new FileRuns(settings.dryRun(), settings.progressInterval(), wiring.stopping(), clock);
        return new FileChanges(formats, runs, writes, settler, keeper);
    }
}
