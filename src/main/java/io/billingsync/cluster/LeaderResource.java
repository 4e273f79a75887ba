package io.billingsync.cluster;

/**
 * Something only the leading instance holds: acquired when it takes the leader lock, before the inbox is read or the
 * timer ticks; released when it loses the lock or stops. A failure to acquire it stops the service: the instance
 * does not lead without it.
 */
public interface LeaderResource {

    void acquire();

    void release();
}
