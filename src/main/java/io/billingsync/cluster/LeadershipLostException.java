package io.billingsync.cluster;

/** This instance no longer holds the leader lock: nothing more may be written to Partner Center or the journal. */
public final class LeadershipLostException extends RuntimeException {
    public LeadershipLostException(String message) {
        super(message);
    }
}
