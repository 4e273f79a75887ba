package io.billingsync.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.billingsync.metrics.SyncMetrics;
import io.billingsync.partnercenter.AuthenticationFailedException;
import io.billingsync.partnercenter.Backoff;
import io.billingsync.partnercenter.ConflictException;
import io.billingsync.partnercenter.PartnerCenterCalls;
import io.billingsync.partnercenter.ResponseClassifier;
import io.billingsync.partnercenter.RetryBudget;
import io.billingsync.partnercenter.StaticTokenProvider;
import io.billingsync.partnercenter.TokenProvider;
import io.billingsync.partnercenter.TransientFailureException;
import io.billingsync.partnercenter.UnauthorizedException;
import io.billingsync.failure.FailureKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The retryWhile decisions of the failure rules, against plain exchanges. */
class RetryDecisionsTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    private final PartnerCenterHealth health = new PartnerCenterHealth(clock);

    private RetryDecisions decisions(TokenProvider tokens, Duration budget) {
        Backoff fixed = new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), 2.0, () -> 0.5);
        return new RetryDecisions(3, fixed, new RetryBudget(budget, fixed), tokens, health,
                new SyncMetrics(SimpleMeterRegistry::new), clock);
    }

    private static TokenProvider renewable() {
        return new TokenProvider() {
            @Override
            public String accessToken() {
                return "t";
            }

            @Override
            public void invalidate(String rejectedToken) {
            }

            @Override
            public boolean canRefresh() {
                return true;
            }
        };
    }

    private static long delay(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }

    @Test
    void aConflictRedoesTheRoundAfterABackoffUntilTheAttemptsAreSpent() {
        RetryDecisions rules = decisions(renewable(), Duration.ofMinutes(1));
        Exchange exchange = ChangeExchanges.failed(new ConflictException("stale", 412, null), 1);

        assertThat(rules.retryConflict(exchange)).isTrue();
        assertThat(delay(exchange)).isPositive();
        assertThat(rules.retryConflict(exchange)).isTrue();
        assertThat(rules.retryConflict(exchange)).as("third conflict of at most 3 attempts").isFalse();
    }

    @Test
    void aTransientFailureWaitsWhatTheServerAskedWithinTheBudget() {
        RetryDecisions rules = decisions(renewable(), Duration.ofMinutes(1));
        Exchange exchange = ChangeExchanges.failed(new TransientFailureException("busy", FailureKind.THROTTLED, 429,
                null, Duration.ofSeconds(7)), 1);

        assertThat(rules.retryTransient(exchange)).isTrue();
        assertThat(delay(exchange)).isEqualTo(7000);
        assertThat(health.isUp()).as("unavailable while retrying").isFalse();
    }

    @Test
    void aWaitLongerThanTheBudgetEndsTheRetries() {
        RetryDecisions rules = decisions(renewable(), Duration.ofSeconds(5));
        Exchange exchange = ChangeExchanges.failed(new TransientFailureException("busy", FailureKind.THROTTLED, 429,
                null, Duration.ofSeconds(60)), 1);

        assertThat(rules.retryTransient(exchange)).isFalse();
    }

    @Test
    void aRefusedTokenIsRenewedOnceThenTheRetriesEnd() {
        RetryDecisions rules = decisions(renewable(), Duration.ofMinutes(1));
        Exchange exchange = ChangeExchanges.failed(new UnauthorizedException("401", null), 1);

        assertThat(rules.credentialsRenewable(exchange)).isTrue();
        assertThat(rules.retryUnauthorized(exchange)).isTrue();
        assertThat(delay(exchange)).isZero();
        assertThat(rules.retryUnauthorized(exchange)).as("a fresh token refused too").isFalse();
        assertThat(health.problem()).as("the halt shows in health").startsWith("Partner Center refused a newly issued access token too: 401");
    }

    @Test
    void aTokenWithoutTheMfaClaimIsNotRenewed() {
        Throwable noMfa = catchThrowable(() -> new ResponseClassifier(clock).check(PartnerCenterCalls.READ_BILLING_PROFILE,
                "a58ceba5-60ac-48e4-a0bc-2a855811807a", 401, name -> null, "{\"code\": 900421}".getBytes(StandardCharsets.UTF_8)));
        Exchange exchange = ChangeExchanges.failed(noMfa, 1);

        assertThat(decisions(renewable(), Duration.ofMinutes(1)).credentialsRenewable(exchange)).isFalse();
    }

    @Test
    void credentialsThatCannotBeRenewedAreNotRetriedAndShowInHealth() {
        Exchange staticToken = ChangeExchanges.failed(new UnauthorizedException("token refused", null), 1);
        assertThat(decisions(new StaticTokenProvider("t"), Duration.ofMinutes(1)).credentialsRenewable(staticToken)).isFalse();

        RetryDecisions rules = decisions(renewable(), Duration.ofMinutes(1));
        Exchange refusedGrant = ChangeExchanges.failed(new RuntimeException(new AuthenticationFailedException("grant refused")), 1);
        assertThat(rules.credentialsRenewable(refusedGrant)).isFalse();
        assertThat(rules.credentialsRefused(refusedGrant)).isFalse();
        assertThat(health.problem()).startsWith("Partner Center refused our credentials").contains("grant refused");
    }
}
