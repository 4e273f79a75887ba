package io.billingsync.partnercenter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("57", clock)).contains(Duration.ofSeconds(57));
        assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:00:45 GMT", clock)).contains(Duration.ofSeconds(45));
    }

    @Test
    void aPastDateOrNegativeSecondsMeanNow() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", clock)).contains(Duration.ZERO);
    }

    @Test
    void longWaitsAreCapped() {
        assertThat(RetryAfter.parse("86400", clock)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("999999999999999999", clock)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("Tue, 01 Mar 2044 10:00:00 GMT", clock)).contains(RetryAfter.MAX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "soon", "1.5", "30s", "99999999999999999999999", "2026-03-01T10:00:45Z",
            "Sun, 01 Mar 2026 10:00:45"})
    void garbageGivesNothing(String value) {
        assertThat(RetryAfter.parse(value, clock)).isEmpty();
    }

    @Test
    void nullGivesNothing() {
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }

    @Test
    void readsTheWaitFromAThrottlingMessage() {
        assertThat(RetryAfter.fromMessage("Rate limit is exceeded. Try again in 57 seconds."))
                .contains(Duration.ofSeconds(57));
        assertThat(RetryAfter.fromMessage("try again in 1 second")).contains(Duration.ofSeconds(1));
        assertThat(RetryAfter.fromMessage("Try again later.")).isEmpty();
        assertThat(RetryAfter.fromMessage(null)).isEmpty();
    }
}
