package io.billingsync.history;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Commits that callers queued meanwhile share: a commit begun after a call covers what was written before it, so a
 * caller whose writes such a commit took returns without one of its own (lanes settling desired-state changes each
 * need their change committed, at the pace of Partner Center's answers).
 */
final class SharedCommits {
    private final AtomicLong begun = new AtomicLong();
    /** The number of the last commit that ended (under this object's lock). */
    private long ended;

    /** Returns once a commit begun after this call has ended: {@code commit}, or another caller's. */
    void commit(Runnable commit) {
        long needed = begun.get() + 1;
        synchronized (this) {
            if (ended < needed) {
                long number = begun.incrementAndGet();
                commit.run();
                ended = number;
            }
        }
    }
}
