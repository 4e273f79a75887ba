package io.billingsync.partnercenter;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether a transient failure is retried and after how long, within a time budget counted from the
 * first failure of the change.
 * <ul>
 * <li>Without {@code Retry-After} the delay is the {@link Backoff} delay, shortened to what is left of the budget,
 * so the last attempt happens at the deadline rather than not at all.</li>
 * <li>With {@code Retry-After} the server's wait wins, but never less than {@link Backoff#initial()}, so a
 * {@code Retry-After: 0} answered again and again cannot turn into a tight loop. If that wait would end after
 * the budget, the decision is to give up now: the server has said an earlier request would be refused.</li>
 * </ul>
 */
public final class RetryBudget {

    private final Duration maxDuration;
    private final Backoff backoff;

    public RetryBudget(Duration maxDuration, Backoff backoff) {
        this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (maxDuration.isNegative()) {
            throw new IllegalArgumentException("retry budget must not be negative, was " + maxDuration);
        }
    }

    /**
     * @param firstFailure when the first failure of this change happened
     * @param now          the current time
     * @param attempt      the number of the retry being considered (1 = first retry)
     * @param retryAfter   the server's Retry-After, or null
     */
    public Decision decide(Instant firstFailure, Instant now, int attempt, Duration retryAfter) {
        Duration remaining = maxDuration.minus(Duration.between(firstFailure, now));
        if (remaining.isNegative() || remaining.isZero()) {
            return Decision.GIVE_UP;
        }
        if (retryAfter != null) {
            Duration wait = retryAfter.compareTo(backoff.initial()) < 0 ? backoff.initial() : retryAfter;
            return wait.compareTo(remaining) > 0 ? Decision.GIVE_UP : Decision.retryAfter(wait);
        }
        Duration delay = backoff.delay(attempt);
        return Decision.retryAfter(delay.compareTo(remaining) > 0 ? remaining : delay);
    }

    public Duration maxDuration() {
        return maxDuration;
    }

    /**
     * @param retry whether to try again
     * @param delay how long to wait first; zero when giving up
     */
    public record Decision(boolean retry, Duration delay) {

        public static final Decision GIVE_UP = new Decision(false, Duration.ZERO);

        public Decision {
            Objects.requireNonNull(delay, "delay");
        }

        static Decision retryAfter(Duration delay) {
            return new Decision(true, delay);
        }
    }
}
