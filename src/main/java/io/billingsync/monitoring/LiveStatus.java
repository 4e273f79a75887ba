package io.billingsync.monitoring;

import io.billingsync.batch.FileRetries;
import io.billingsync.batch.InboxBacklog;
import io.billingsync.budget.RequestBudget;
import io.billingsync.cluster.Leadership;
import io.billingsync.metrics.Activity;
import io.billingsync.partnercenter.TokenProvider;
import io.billingsync.records.DeadLetterIndex;
import io.billingsync.route.PartnerCenterHealth;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The running service's status, from what it keeps in memory (nothing is listed or read per request). */
public final class LiveStatus {
    /** Everything the running service knows about itself, handed in by the wiring. */
    public record Sources(Leadership leadership, InboxBacklog inbox, DeadLetterIndex deadLetters, FileRetries retries,
                          Activity activity, RequestBudget budget, PartnerCenterHealth partnerCenter,
                          TokenProvider tokens) {
    }

    private final Sources sources;
    private final Clock clock;

    public LiveStatus(Sources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    public ServiceStatus now() {
        Instant now = clock.instant();
        InboxBacklog.Backlog backlog = sources.inbox().backlog();
        ServiceStatus.Inbox inbox = StatusProblems.inbox(backlog, now);
        ServiceStatus.DeadLetters deadLetters = StatusProblems.deadLetters(sources.deadLetters().summary());
        Instant throttledUntil = sources.budget() == null ? null : sources.budget().pausedUntil();
        String partnerCenter = sources.partnerCenter() == null ? null : sources.partnerCenter().problem();
        Instant rotated = sources.tokens().refreshTokenRotated();
        ServiceStatus.Halted halted = halted();
        Leadership leadership = sources.leadership();
        ServiceStatus.Leader leader = new ServiceStatus.Leader(leadership.role(), leadership.leaderId(), leadership.lockName());
        List<String> problems = new StatusProblems(now).inbox(inbox).deadLetters(deadLetters).refreshToken(rotated)
                .add(halted == null ? null : halted.file() + " cannot be completed (" + halted.cause() + "): " + halted.reason())
                .add(partnerCenter == null ? null : "Partner Center: " + partnerCenter)
                .add(throttledUntil == null ? null : "throttled by Partner Center: every customer waits until " + throttledUntil)
                .list();
        Activity activity = sources.activity();
        Activity.CurrentFile current = activity.currentFile();
        ServiceStatus.InProgress inProgress = current == null ? null
                : new ServiceStatus.InProgress(current.name(), current.settled(), current.since());
        return new ServiceStatus(ServiceStatus.FROM_SERVICE, now, ServiceStatus.Verdict.of(halted, problems), problems,
                leader, inbox, inProgress, halted, deadLetters, throttledUntil, partnerCenter, activity.lastApplied(),
                activity.lastCompletedFile(), rotated);
    }

    private ServiceStatus.Halted halted() {
        if (sources.retries() == null) {
            return null;
        }
        List<FileRetries.Unsettled> failing = sources.retries().failing();
        if (failing.isEmpty()) {
            return null;
        }
        FileRetries.Unsettled first = failing.get(0);
        String cause = sources.activity().failureCause(first.file());
        return new ServiceStatus.Halted(first.file(), cause == null ? "environment" : cause, first.reason(),
                first.attempts(), first.since());
    }
}
