package io.billingsync.route;

import io.billingsync.failure.FailureKind;
import io.billingsync.metrics.SyncMetrics;
import io.billingsync.partnercenter.AuthenticationFailedException;
import io.billingsync.partnercenter.Backoff;
import io.billingsync.partnercenter.PartnerCenterException;
import io.billingsync.partnercenter.RetryBudget;
import io.billingsync.partnercenter.TokenProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry decisions of the failure rules (routes/change-failures.camel.yaml, docs/FAILURE-RULES.md), used as {@code retryWhile} by the failure rules. Each decision also
 * sets the delay before the next round (Camel's {@code CamelRedeliveryDelay} header): jittered backoff for
 * conflicts and transient failures, {@code Retry-After} when Partner Center sent one.
 */
public final class RetryDecisions {
    private static final Logger LOG = LoggerFactory.getLogger(RetryDecisions.class);

    private final int conflictMaxAttempts;
    private final Backoff conflictBackoff;
    private final RetryBudget transientBudget;
    private final TokenProvider tokens;
    private final PartnerCenterHealth health;
    private final SyncMetrics metrics;
    private final Clock clock;

    public RetryDecisions(int conflictMaxAttempts, Backoff conflictBackoff, RetryBudget transientBudget,
                          TokenProvider tokens, PartnerCenterHealth health, SyncMetrics metrics, Clock clock) {
        this.conflictMaxAttempts = conflictMaxAttempts;
        this.conflictBackoff = conflictBackoff;
        this.transientBudget = transientBudget;
        this.tokens = tokens;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
    }

    public boolean retryConflict(Exchange exchange) {
        ChangeAttempt change = ChangeAttempt.of(exchange);
        int conflicts = change.recordConflict();
        metrics.conflict();
        if (conflicts >= conflictMaxAttempts) {
            return false;
        }
        Duration delay = conflictBackoff.delay(conflicts);
        LOG.info("Conflict for customer {} (change {}, correlation {}): the profile changed meanwhile, re-reading in {} ms (attempt {} of {})",
                change.write().customerId(), change.write().changeIds(), change.correlationId(), delay.toMillis(), conflicts + 1,
                conflictMaxAttempts);
        return retryAfter(exchange, delay);
    }

    public boolean retryTransient(Exchange exchange) {
        ChangeAttempt change = ChangeAttempt.of(exchange);
        Throwable failure = caught(exchange);
        Instant now = clock.instant();
        int failures = change.recordTransientFailure(now);
        health.unavailable(failure.getMessage());
        Duration retryAfter = failure instanceof PartnerCenterException pc ? pc.retryAfter() : null;
        RetryBudget.Decision decision = transientBudget.decide(change.firstTransientFailure(), now, failures, retryAfter);
        if (!decision.retry()) {
            LOG.warn("Partner Center unavailable for customer {} (change {}, correlation {}): {} - not retrying: the retry budget (sync.retry.max-duration, {}) does not allow {}",
                    change.write().customerId(), change.write().changeIds(), change.correlationId(), failure.getMessage(),
                    transientBudget.maxDuration(), retryAfter == null ? "another attempt" : "waiting " + retryAfter.toSeconds() + " s");
            return false;
        }
        Duration delay = decision.delay();
        metrics.retry();
        LOG.warn("Partner Center unavailable for customer {} (change {}, correlation {}): {} - retrying in {} ms",
                change.write().customerId(), change.write().changeIds(), change.correlationId(), failure.getMessage(), delay.toMillis());
        return retryAfter(exchange, delay);
    }

    /**
     * Whether a 401 can be answered with a new token: the token provider can renew it, Azure AD did not refuse to,
     * and the token was not refused for lacking the MFA claim (a new one from the same refresh token lacks it too).
     * When not, processing halts ({@link #credentialsRefused}).
     */
    public boolean credentialsRenewable(Exchange exchange) {
        Throwable failure = caught(exchange);
        PartnerCenterException refused = cause(failure, PartnerCenterException.class);
        return tokens.canRefresh() && cause(failure, AuthenticationFailedException.class) == null
                && (refused == null || refused.kind() != FailureKind.MFA_REQUIRED);
    }

    /**
     * 401 with renewable credentials: one retry with a new token; a newly issued token refused too ends the retries,
     * and processing halts (shown in health) instead of dead-lettering every change.
     */
    public boolean retryUnauthorized(Exchange exchange) {
        ChangeAttempt change = ChangeAttempt.of(exchange);
        if (change.tokenRefreshed()) {
            health.unavailable(FailureKind.UNAUTHORIZED.finalMessage(caught(exchange).getMessage(), change.rounds(), false));
            return false;
        }
        // the HTTP client's BearerAuthorization has already invalidated the refused token
        change.markTokenRefreshed();
        return retryAfter(exchange, Duration.ZERO);
    }

    /** Credentials that cannot be renewed were refused: never retried (processing halts), shown in health. */
    public boolean credentialsRefused(Exchange exchange) {
        health.unavailable("Partner Center refused our credentials: " + caught(exchange).getMessage());
        return false;
    }

    /** A certificate this JVM does not trust: never retried (processing halts), shown in health. */
    public boolean retryUntrustedCertificate(Exchange exchange) {
        health.unavailable(caught(exchange).getMessage());
        return false;
    }

    private static boolean retryAfter(Exchange exchange, Duration delay) {
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis());
        return true;
    }

    /** The first throwable of the given type in a cause chain, or null. */
    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static Throwable caught(Exchange exchange) {
        Throwable caught = exchange.getException();
        if (caught == null) {
            caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return caught == null ? new IllegalStateException("no failure recorded") : caught;
    }
}
