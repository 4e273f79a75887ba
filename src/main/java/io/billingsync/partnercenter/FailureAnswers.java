package io.billingsync.partnercenter;

import io.billingsync.failure.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a call's failure answers are classified (docs/FAILURE-RULES.md): rows tried in order, the first that matches
 * says which kind of failure the answer is (and so its dead-letter category and retry rule, {@link FailureKind}) and
 * words the sentence the operator reads: what happened and what to do. A call lists its own rows
 * ({@link PartnerCenterCalls}) around the ones below, which every Partner Center call shares.
 */
public final class FailureAnswers {

    /** 429: wait as Retry-After (seconds or an HTTP-date) says, else as the body's "try again in N seconds" says. */
    static final Row THROTTLED = when(c -> c.is(429), FailureKind.THROTTLED,
            c -> "Partner Center is throttling requests" + c.statusAndCode() + " while " + c.doing() + c.reason() + ". "
                    + (c.askedWait() == null ? "Retry with backoff." : "Retry after " + c.askedWait().toSeconds() + " seconds."))
            .waiting(FailedCall::askedWait);

    /** 408 and 5xx: wait as Retry-After says, else back off. */
    static final Row UNAVAILABLE = when(c -> c.is(408) || c.isServerError(), FailureKind.TRANSIENT,
            c -> "Partner Center is temporarily unavailable" + c.statusAndCode() + " while " + c.doing() + c.reason()
                    + ". Retry later.")
            .waiting(FailedCall::retryAfterHeader);

    /** Partner Center's code for an App + User token without the MFA claim (docs/PARTNER-CENTER.md#authentication). */
    static final String CODE_MFA_REQUIRED = "900421";

    /**
     * 401 with code 900421: the token carries no MFA claim. Where the code comes is not documented: the {@code code}
     * field, or anywhere in the error body.
     */
    static final Row MFA_REQUIRED = when(c -> c.is(401) && c.mentions(CODE_MFA_REQUIRED),
            FailureKind.MFA_REQUIRED,
            c -> "Partner Center requires multifactor authentication and the access token has no MFA claim"
                    + c.statusAndCode() + " while " + c.doing() + c.reason() + ". A new token from the same refresh token"
                    + " would not have it either: consent again with a user who signs in with MFA, install the new"
                    + " refresh token in partnercenter.auth.refresh-token-file and restart (docs/AUTHENTICATION.md#mfa).");

    /** 401: the access token was not accepted. */
    static final Row TOKEN_REFUSED = when(c -> c.is(401), FailureKind.UNAUTHORIZED,
            c -> "Partner Center did not accept the access token" + c.statusAndCode() + " while " + c.doing() + c.reason()
                    + ". Refresh the token; if it keeps failing, check the partnercenter.auth.* or partnercenter.token settings.");

    /** Whatever no row above it matched: a status this service does not expect from Partner Center. */
    static final Row UNEXPECTED = when(c -> true, FailureKind.REJECTED,
            c -> unexpectedStatus(c) + " The change was not applied; check partnercenter.base-url and replay it.");

    /**
     * Whatever no row above it matched, for a check ahead of the PUT (country rules, address validation): the check is
     * skipped and the change goes on, so nothing is said of applying or replaying it.
     */
    static final Row CHECK_UNEXPECTED = when(c -> true, FailureKind.REJECTED, FailureAnswers::unexpectedStatus);

    private static String unexpectedStatus(FailedCall c) {
        return "Partner Center answered with an unexpected status" + c.statusAndCode() + " while " + c.doing() + c.reason()
                + ".";
    }

    private final List<Row> rows;

    private FailureAnswers(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The rows, tried in order; the last should match every answer ({@link #UNEXPECTED}). */
    static FailureAnswers of(Row... rows) {
        return new FailureAnswers(List.of(rows));
    }

    /** A row: answers that {@code match} are failures of {@code kind}, worded by {@code says}. */
    static Row when(Predicate<FailedCall> matches, FailureKind kind, Function<FailedCall, String> says) {
        return new Row(matches, kind, says, c -> null);
    }

    PartnerCenterException classify(FailedCall answer) {
        for (Row row : rows) {
            if (row.matches().test(answer)) {
                return row.failure(answer);
            }
        }
        return UNEXPECTED.failure(answer);
    }

    /** One row of a call's failure answers; {@code asksToWait}: how long the answer asks to wait before a retry, or null. */
    record Row(Predicate<FailedCall> matches, FailureKind kind, Function<FailedCall, String> says,
                      Function<FailedCall, Duration> asksToWait) {

        /** This row, with the wait its answers ask for. */
        Row waiting(Function<FailedCall, Duration> asked) {
            return new Row(matches, kind, says, asked);
        }

        PartnerCenterException failure(FailedCall answer) {
            return PartnerCenterException.of(kind, says.apply(answer), answer.status(), answer.error(), asksToWait.apply(answer));
        }
    }
}
