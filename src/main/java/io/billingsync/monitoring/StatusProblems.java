package io.billingsync.monitoring;

import io.billingsync.batch.InboxBacklog;
import io.billingsync.records.DeadLetterIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What in a status needs an operator, in words (the same rules online and offline; docs/MONITORING.md). */
final class StatusProblems {
    /** A file waiting longer than this needs a look (the shipped alert's threshold too). */
    static final Duration INBOX_WAIT = Duration.ofHours(1);
    /** Azure AD lets a refresh token unused for 90 days expire: a rotation older than this needs a look. */
    static final Duration TOKEN_AGE = Duration.ofDays(60);

    private final List<String> problems = new ArrayList<>();
    private final Instant now;

    StatusProblems(Instant now) {
        this.now = now;
    }

    StatusProblems inbox(ServiceStatus.Inbox inbox) {
        if (inbox.oldestWritten() != null && inbox.oldestWritten().plus(INBOX_WAIT).isBefore(now)) {
            problems.add("the oldest inbox file " + inbox.oldest() + " has waited " + inbox.oldestAgeSeconds() / 60
                    + " min (more than " + INBOX_WAIT.toMinutes() + " min)");
        }
        return this;
    }

    StatusProblems deadLetters(ServiceStatus.DeadLetters deadLetters) {
        if (deadLetters.total() > 0) {
            problems.add(deadLetters.total() + " dead letter(s) " + deadLetters.byCategory()
                    + ": fix and replay them (dead-letters, replay)");
        }
        return this;
    }

    StatusProblems refreshToken(Instant rotated) {
        if (rotated != null && rotated.plus(TOKEN_AGE).isBefore(now)) {
            problems.add("the refresh token was last rotated " + Duration.between(rotated, now).toDays()
                    + " days ago: Azure AD lets it expire after 90 days unused");
        }
        return this;
    }

    StatusProblems add(String problem) {
        if (problem != null) {
            problems.add(problem);
        }
        return this;
    }

    List<String> list() {
        return List.copyOf(problems);
    }

    static ServiceStatus.Inbox inbox(InboxBacklog.Backlog backlog, Instant now) {
        Instant written = backlog.oldestWritten();
        return new ServiceStatus.Inbox(backlog.files(), backlog.oldest(), written,
                written == null ? null : Math.max(0, Duration.between(written, now).toSeconds()));
    }

    static ServiceStatus.DeadLetters deadLetters(DeadLetterIndex.Summary summary) {
        return new ServiceStatus.DeadLetters(summary.total(), summary.byCategory(), summary.oldest());
    }
}
