package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.failure.FailureKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a Partner Center response into "carry on" (2xx) or the exception that says what to do next
 * (docs/PARTNER-CENTER.md). Messages name the customer, the status, the server's code and reason, and the
 * action; they never contain headers or tokens.
 */
public final class ResponseClassifier {

    static final String CODE_ETAG_INVALID = "2055";
    static final String CODE_INVALID_CUSTOMER_ID = "900118";
    static final String CODE_PHONE_REQUIRED = "600051";
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 500, 502, 503, 504);

    private final Clock clock;
    private final SecretRedaction redaction;

    /**
     * @param clock     for Retry-After given as an HTTP-date
     * @param redaction cleans every server body kept in an exception (and so in records and logs)
     */
    public ResponseClassifier(Clock clock, SecretRedaction redaction) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
    }

    /** @param clock for Retry-After given as an HTTP-date */
    public ResponseClassifier(Clock clock) {
        this(clock, new SecretRedaction(List::of));
    }

    /**
     * Returns the body of a 2xx answer; otherwise throws.
     *
     * @param operation  "GET" (reading the profile) or "PUT" (updating it)
     * @param customerId the customer tenant id the call was for
     * @param header     response header lookup by name (null when absent); only Retry-After is read
     * @param body       the response body, possibly empty or null
     * @return the JSON object a 2xx answer carries; null for a PUT answered without a body
     * @throws ConflictException          412, or 400 with code 2055
     * @throws TransientFailureException  429 (THROTTLED), 408 and 5xx (TRANSIENT), a 2xx whose body is not a
     *                                    JSON object (TRANSIENT: a gateway's page or a body cut short)
     * @throws UnauthorizedException      401
     * @throws PermanentFailureException  403 (FORBIDDEN), 404 (NOT_FOUND), other statuses (REJECTED)
     */
    public ObjectNode check(String operation, String customerId, int status, Function<String, String> header, byte[] body) {
        if (status >= 200 && status < 300) {
            return profileIn(new FailedCall(operation, customerId, status, null), body);
        }
        PartnerCenterError error = body == null ? null : PartnerCenterError.parse(redaction.redact(body));
        if (error != null && error.isEmpty()) {
            error = null;
        }
        throw classify(new FailedCall(operation, customerId, status, error), header == null ? name -> null : header);
    }

    /**
     * The JSON object of a 2xx answer. A PUT may be answered without one (201, 204, an empty 200): the change is
     * stored all the same. Anything else, a maintenance page, plain text, a body cut short, is a glitch on the
     * way, retried like a 503.
     */
    private ObjectNode profileIn(FailedCall c, byte[] body) {
        byte[] bare = JsonBody.stripBom(body);
        boolean empty = new String(bare, StandardCharsets.UTF_8).isBlank();
        if (empty && "PUT".equalsIgnoreCase(c.operation())) {
            return null;
        }
        String problem;
        if (empty) {
            problem = "the body is empty";
        } else {
            try {
                if (JsonBody.parse(bare) instanceof ObjectNode profile) {
                    return profile;
                }
                problem = "a JSON value that is not an object";
            } catch (IOException notJson) {
                problem = "not JSON";
            }
        }
        byte[] redacted = redaction.redact(bare);
        String start = empty ? "" : ", it starts with: " + MessageText.clip(new String(redacted, 0,
                Math.min(redacted.length, 400), StandardCharsets.UTF_8), 80);
        throw new TransientFailureException("Partner Center answered HTTP " + c.status() + " with something that is "
                + "not a billing profile while " + c.doing() + " (" + problem + start + "). Retry later.",
                FailureKind.TRANSIENT, c.status(), empty ? null : PartnerCenterError.parse(redacted), null);
    }

    private PartnerCenterException classify(FailedCall c, Function<String, String> header) {
        int status = c.status();
        if (status == 412 || (status == 400 && c.hasCode(CODE_ETAG_INVALID))) {
            return new ConflictException("The billing profile of customer " + c.customer()
                    + " changed while it was being updated" + c.statusAndCode() + c.reason()
                    + ". Re-read the profile and apply the change again.", status, c.error());
        }
        if (status == 429) {
            Duration wait = retryAfter(header, c.error());
            return new TransientFailureException("Partner Center is throttling requests" + c.statusAndCode()
                    + " while " + c.doing() + c.reason() + ". "
                    + (wait == null ? "Retry with backoff." : "Retry after " + wait.toSeconds() + " seconds."),
                    FailureKind.THROTTLED, status, c.error(), wait);
        }
        if (TRANSIENT_STATUSES.contains(status) || (status >= 500 && status < 600)) {
            return new TransientFailureException("Partner Center is temporarily unavailable" + c.statusAndCode()
                    + " while " + c.doing() + c.reason() + ". Retry later.",
                    FailureKind.TRANSIENT, status, c.error(), retryAfter(header, null));
        }
        if (status == 401) {
            return new UnauthorizedException("Partner Center did not accept the access token" + c.statusAndCode()
                    + " while " + c.doing() + c.reason() + ". Refresh the token; if it keeps failing, check the "
                    + "partnercenter.auth.* or partnercenter.token settings.", c.error());
        }
        if (status == 403) {
            return new PermanentFailureException("Partner Center refused access to customer " + c.customer()
                    + c.statusAndCode() + c.reason() + ". Check that the partner has a relationship with this "
                    + "customer and that the signed-in user may manage its billing profile.",
                    FailureKind.FORBIDDEN, status, c.error());
        }
        if (status == 404) {
            return new PermanentFailureException("Customer " + c.customer() + " was not found in Partner Center"
                    + c.statusAndCode() + c.reason() + ". Check the customerId.",
                    FailureKind.NOT_FOUND, status, c.error());
        }
        return new PermanentFailureException(rejection(c), FailureKind.REJECTED, status, c.error());
    }

    private static String rejection(FailedCall c) {
        if (c.hasCode(CODE_INVALID_CUSTOMER_ID)) {
            return "Partner Center does not accept " + c.customer() + " as a customer id" + c.statusAndCode()
                    + c.reason() + ". Check the customerId.";
        }
        if (c.hasCode(CODE_PHONE_REQUIRED)) {
            return "Partner Center rejected the change for customer " + c.customer() + c.statusAndCode()
                    + ": a phone number is required for the address's country" + c.dataItems()
                    + ". Add defaultAddress.phoneNumber to the change file and replay it.";
        }
        if (c.status() >= 400 && c.status() < 500) {
            String start = "Partner Center rejected the change for customer " + c.customer() + c.statusAndCode();
            if (c.error() == null || c.error().data().isEmpty()) {
                return start + c.reason() + ". Fix the change file and replay it.";
            }
            return start + ": invalid property " + String.join(", ", FailedCall.clipped(c.error().data()))
                    + c.reasonInParentheses() + ". Fix the field in the change file and replay it.";
        }
        return "Partner Center answered with an unexpected status" + c.statusAndCode() + " while " + c.doing()
                + c.reason() + ". The change was not applied; check partnercenter.base-url and replay it.";
    }

    private Duration retryAfter(Function<String, String> header, PartnerCenterError error) {
        return RetryAfter.parse(header.apply(PartnerCenterHeaders.RETRY_AFTER), clock)
                .or(() -> error == null ? Optional.empty() : RetryAfter.fromMessage(error.message()))
                .or(() -> error == null ? Optional.empty() : RetryAfter.fromMessage(error.description()))
                .orElse(null);
    }
}
