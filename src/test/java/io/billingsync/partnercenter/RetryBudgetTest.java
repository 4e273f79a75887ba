package io.billingsync.partnercenter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTest {

    private static final Instant FIRST = Instant.parse("2026-03-01T10:00:00Z");
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, () -> 1.0);
    private final RetryBudget budget = new RetryBudget(Duration.ofMinutes(30), backoff);

    @Test
    void usesBackoffWithinTheBudget() {
        RetryBudget.Decision d = budget.decide(FIRST, FIRST.plusSeconds(10), 4, null);

        assertThat(d.retry()).isTrue();
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void retryAfterWinsOverBackoff() {
        RetryBudget.Decision d = budget.decide(FIRST, FIRST.plusSeconds(10), 9, Duration.ofSeconds(57));

        assertThat(d.retry()).isTrue();
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(57));
    }

    @Test
    void aZeroRetryAfterStillWaitsTheInitialBackoff() {
        assertThat(budget.decide(FIRST, FIRST, 1, Duration.ZERO).delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void backoffIsShortenedToTheDeadline() {
        RetryBudget.Decision d = budget.decide(FIRST, FIRST.plus(Duration.ofMinutes(29)).plusSeconds(50), 20, null);

        assertThat(d.retry()).isTrue();
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givesUpWhenRetryAfterEndsBeyondTheBudget() {
        RetryBudget.Decision d = budget.decide(FIRST, FIRST.plus(Duration.ofMinutes(29)), 2, Duration.ofSeconds(61));

        assertThat(d.retry()).isFalse();
        assertThat(d).isEqualTo(RetryBudget.Decision.GIVE_UP);
    }

    @Test
    void givesUpOnceTheBudgetIsSpent() {
        assertThat(budget.decide(FIRST, FIRST.plus(Duration.ofMinutes(30)), 1, null).retry()).isFalse();
        assertThat(budget.decide(FIRST, FIRST.plus(Duration.ofHours(2)), 1, Duration.ZERO).retry()).isFalse();
    }

    @Test
    void aZeroBudgetNeverRetries() {
        assertThat(new RetryBudget(Duration.ZERO, backoff).decide(FIRST, FIRST, 1, null).retry()).isFalse();
    }
}
