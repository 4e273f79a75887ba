package io.billingsync.cluster;

import io.billingsync.failure.HaltingFailure;

/** This instance no longer holds the leader lock: nothing more may be written to Partner Center or the journal. */
public final class LeadershipLostException extends RuntimeException implements HaltingFailure {
    public LeadershipLostException(String message) {
        super(message);
    }
}
