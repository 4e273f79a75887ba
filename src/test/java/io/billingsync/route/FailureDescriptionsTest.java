package io.billingsync.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.failure.FailureCategory;
import io.billingsync.failure.FailureKind;
import io.billingsync.partnercenter.PermanentFailureException;
import io.billingsync.partnercenter.TransientFailureException;
import io.billingsync.partnercenter.UnauthorizedException;
import io.billingsync.records.FailureRecord;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The dead-letter record of each kind of failure: its category and a sentence to act on. */
class FailureDescriptionsTest {
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private final FailureDescriptions descriptions = new FailureDescriptions();

    private FailureRecord describe(Throwable failure) {
        Exchange exchange = ChangeExchanges.failed(failure, 2);
        return descriptions.describe(failure, exchange.getProperty(ChangeAttempt.PROPERTY, ChangeAttempt.class), NOW);
    }

    @Test
    void aWaitBeyondTheBudgetSaysSo() {
        FailureRecord record = describe(new TransientFailureException("Throttled.", FailureKind.THROTTLED, 429, null,
                Duration.ofMinutes(5)));
        assertThat(record.category()).isEqualTo(FailureCategory.UNAVAILABLE);
        assertThat(record.message()).startsWith("Partner Center asked for a wait (Retry-After)")
                .contains("Throttled.").endsWith("Replay the change when Partner Center is back.");
    }

    @Test
    void anOutageThroughTheWholeBudgetSaysSo() {
        FailureRecord record = describe(new TransientFailureException("Down.", FailureKind.TRANSIENT, 503, null, null));
        assertThat(record.message()).startsWith("Partner Center stayed unavailable for the whole retry budget");
        assertThat(record.httpStatus()).isEqualTo(503);
    }

    @Test
    void aConnectionFailureIsUnavailable() {
        FailureRecord record = describe(new IOException("wrapped", new ConnectException("Connection refused")));
        assertThat(record.category()).isEqualTo(FailureCategory.UNAVAILABLE);
        assertThat(record.message()).contains("the connection was refused");
        assertThat(record.httpStatus()).isNull();
    }

    @Test
    void aFreshTokenRefusedTooIsForbidden() {
        FailureRecord record = describe(new UnauthorizedException("401.", null));
        assertThat(record.category()).isEqualTo(FailureCategory.FORBIDDEN);
        assertThat(record.message()).startsWith("Partner Center refused a newly issued access token too: 401.");
    }

    @Test
    void aPermanentFailureKeepsItsOwnSentence() {
        FailureRecord record = describe(new PermanentFailureException("Customer x was not found.", FailureKind.NOT_FOUND,
                404, null));
        assertThat(record.category()).isEqualTo(FailureCategory.NOT_FOUND);
        assertThat(record.message()).isEqualTo("Customer x was not found.");
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.changeId()).isEqualTo("C-1");
    }

    @Test
    void anUnexpectedFailureIsRejectedAndPointsAtTheLog() {
        FailureRecord record = describe(new IllegalStateException("bug"));
        assertThat(record.category()).isEqualTo(FailureCategory.REJECTED);
        assertThat(record.message()).startsWith("Unexpected failure while applying the change (IllegalStateException: bug)");
    }
}
