package io.billingsync.history;

import java.time.Instant;

/**
 * The desired state's progress as the last complete tick left it: its customers, those known to be in the desired
 * state and those not (pending: to be sent at the next tick), the end of the last full drift pass (every customer in
 * state read again, or applied, since the pass before; null before the first) and of the last complete tick.
 */
public record DesiredStateProgress(long customers, long inState, long pending, Instant lastFullDriftPass,
                                   Instant lastTick) {
}
