package io.billingsync.partnercenter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void delaysStayWithinHalfAndAllOfTheExponentialCeiling() {
        Backoff backoff = new Backoff(INITIAL, MAX, 2.0, new Random(42)::nextDouble);
        for (int attempt = 1; attempt <= 40; attempt++) {
            long ceiling = Math.min(MAX.toMillis(), INITIAL.toMillis() << Math.min(attempt - 1, 30));
            for (int draw = 0; draw < 500; draw++) {
                Duration d = backoff.delay(attempt);
                assertThat(d.toMillis()).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
                assertThat(d).isLessThanOrEqualTo(MAX);
            }
        }
    }

    @Test
    void jitterSpreadsTheDelays() {
        Backoff backoff = new Backoff(INITIAL, MAX, 2.0, new Random(7)::nextDouble);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long d = backoff.delay(3).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isLessThan(420);
        assertThat(max).isGreaterThan(780);
    }

    @Test
    void theExtremesOfTheRandomSourceGiveHalfAndFull() {
        assertThat(new Backoff(INITIAL, MAX, 2.0, () -> 0.0).delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(new Backoff(INITIAL, MAX, 2.0, () -> 1.0).delay(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(new Backoff(INITIAL, MAX, 2.0, () -> 1.0).delay(1000)).isEqualTo(MAX);
        assertThat(new Backoff(INITIAL, MAX, 2.0, () -> 5.0).delay(1)).isEqualTo(INITIAL);
    }

    @Test
    void aMultiplierOfOneIsConstantBackoff() {
        Backoff backoff = new Backoff(INITIAL, MAX, 1.0, () -> 0.5);
        assertThat(backoff.delay(1)).isEqualTo(backoff.delay(20)).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void refusesNonsense() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, MAX, 2, () -> 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(MAX, INITIAL, 2, () -> 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(INITIAL, MAX, 0.5, () -> 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(INITIAL, MAX, Double.NaN, () -> 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(INITIAL, MAX, 2, () -> 0).delay(0));
    }
}
