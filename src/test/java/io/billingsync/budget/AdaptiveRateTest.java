package io.billingsync.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The adaptive cap on a clock the test moves: lower by a step on a 429, back up slowly, between floor and cap. */
class AdaptiveRateTest {
    private long now = 1_000_000_000L;
    private final AdaptiveRate rate = new AdaptiveRate(100, () -> now);

    private void advanceSeconds(double seconds) {
        now += (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void startsAtTheConfiguredCap() {
        assertThat(rate.perSecond()).isEqualTo(100);
    }

    @Test
    void aThrottledAnswerLowersTheRateByOneStepAndItsBurstCountsOnce() {
        rate.throttled();
        assertThat(rate.perSecond()).isCloseTo(95, within(1e-9));
        advanceSeconds(0.5); // answers to requests already in flight with the first 429
        rate.throttled();
        assertThat(rate.perSecond()).isCloseTo(95, within(1e-9));
        advanceSeconds(1);
        rate.throttled();
        assertThat(rate.perSecond()).isCloseTo(90.25, within(1e-9));
    }

    @Test
    void neverGoesBelowHalfTheConfiguredCap() {
        for (int i = 0; i < 100; i++) {
            rate.throttled();
            advanceSeconds(1);
        }
        assertThat(rate.perSecond()).isEqualTo(50);
    }

    @Test
    void recoversOnePercentOfTheCapPerIntervalWithoutAThrottledAnswerAndNeverAboveTheCap() {
        rate.throttled();
        rate.throttled();
        advanceSeconds(1);
        rate.throttled(); // 90.25
        advanceSeconds(AdaptiveRate.RECOVERY_INTERVAL_SECONDS - 0.1);
        assertThat(rate.perSecond()).isCloseTo(90.25, within(1e-9));
        advanceSeconds(0.1);
        assertThat(rate.perSecond()).isCloseTo(91.25, within(1e-9));
        advanceSeconds(3 * AdaptiveRate.RECOVERY_INTERVAL_SECONDS);
        assertThat(rate.perSecond()).isCloseTo(94.25, within(1e-9));
        rate.throttled(); // a 429 restarts the quiet interval
        assertThat(rate.perSecond()).isCloseTo(94.25 * 0.95, within(1e-9));
        advanceSeconds(AdaptiveRate.RECOVERY_INTERVAL_SECONDS - 0.1);
        assertThat(rate.perSecond()).isCloseTo(94.25 * 0.95, within(1e-9));
        advanceSeconds(1000);
        assertThat(rate.perSecond()).isEqualTo(100);
    }

    @Test
    void thePerSecondCountIsTheWholeRequestsTheRateAllows() {
        rate.throttled();
        assertThat(rate.requestsPerSecond()).isEqualTo(95);
        advanceSeconds(1);
        rate.throttled();
        assertThat(rate.requestsPerSecond()).isEqualTo(90);
    }
}
