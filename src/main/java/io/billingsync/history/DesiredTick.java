package io.billingsync.history;

import java.time.Duration;
import java.util.Arrays;

/**
 * One desired-state tick's plan for reading again the customers known to be in the desired state, so that a change
 * made in Partner Center since is corrected: a share of them, those read longest ago, accrued since the last complete
 * tick began at the rate of every customer once per drift-check interval (the fraction left is carried to the next
 * tick), and whoever was read an interval ago or longer. With an interval of zero every customer is read. Asked by
 * the thread reading the file, in file order.
 */
final class DesiredTick {
    private final long number;
    private final long startedAt;
    private final boolean everyCustomer;
    /** Read at or before this (epoch millis): due, share or not. */
    private final long overdue;
    /** Read before this: due (the share). */
    private final long threshold;
    /** Read exactly at the threshold: this many more are due. */
    private int tiesLeft;
    private final double credit;
    private int taken;

    private DesiredTick(long number, long startedAt, boolean everyCustomer, long overdue, long threshold, int ties,
                        double credit) {
        this.number = number;
        this.startedAt = startedAt;
        this.everyCustomer = everyCustomer;
        this.overdue = overdue;
        this.threshold = threshold;
        this.tiesLeft = ties;
        this.credit = credit;
    }

    /**
     * @param number     the tick's file number (what it stamps each entry it sees with)
     * @param verified   when each customer in state was last read or applied (epoch millis), in its first
     *                   {@code count} places; sorted here
     * @param carried    the share left over by the last complete tick, which began at {@code lastStart} (0: none)
     */
    static DesiredTick plan(long number, long now, Duration interval, long[] verified, int count, double carried,
                            long lastStart) {
        if (interval.isZero()) {
            return new DesiredTick(number, now, true, 0, Long.MIN_VALUE, 0, 0);
        }
        long every = interval.toMillis();
        long elapsed = lastStart == 0 ? 0 : Math.max(0, now - lastStart);
        double credit = Math.min(count, carried + (double) count * elapsed / every);
        int share = (int) Math.floor(credit);
        long threshold = Long.MIN_VALUE;
        int ties = 0;
        if (share > 0) {
            Arrays.sort(verified, 0, count);
            threshold = verified[share - 1];
            int below = share - 1;
            while (below > 0 && verified[below - 1] == threshold) {
                below--;
            }
            ties = share - below;
        }
        return new DesiredTick(number, now, false, now - every, threshold, ties, credit);
    }

    long number() {
        return number;
    }

    long startedAt() {
        return startedAt;
    }

    /** Whether a customer in state, last read or applied at {@code verifiedAt}, is to be read at this tick. */
    synchronized boolean due(long verifiedAt) {
        boolean due = everyCustomer || verifiedAt <= overdue || verifiedAt < threshold;
        if (!due && verifiedAt == threshold && tiesLeft > 0) {
            tiesLeft--;
            due = true;
        }
        if (due) {
            taken++;
        }
        return due;
    }

    /** The share not taken (customers due but no longer in the file), carried to the next tick. */
    synchronized double creditLeft() {
        return Math.max(0, credit - taken);
    }
}
