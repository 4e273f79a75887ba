package io.billingsync.partnercenter;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the n-th delay is half of {@code min(max, initial * multiplier^(n-1))}
 * plus a random share of the other half. Delays spread out concurrent retries, are never near zero and never
 * above {@code max}.
 */
public final class Backoff {

    /** The longest delay a backoff may reach. */
    public static final Duration LONGEST = Duration.ofDays(1);

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final DoubleSupplier random;

    /**
     * @param random values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} or a seeded
     *               {@code new Random(seed)::nextDouble} in tests
     */
    public Backoff(Duration initial, Duration max, double multiplier, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than the initial " + initial);
        }
        if (max.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("max backoff " + max + " is longer than " + LONGEST);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1, was " + multiplier);
        }
        this.multiplier = multiplier;
    }

    /** The delay before retry number {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, was " + attempt);
        }
        double ceiling = Math.min(max.toNanos(), initial.toNanos() * Math.pow(multiplier, attempt - 1.0));
        double half = ceiling / 2;
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        long nanos = (long) (half + r * half);
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    public Duration initial() {
        return initial;
    }

    public Duration max() {
        return max;
    }
}
