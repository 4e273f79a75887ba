package io.billingsync.partnercenter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billingsync.failure.FailureKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns a Partner Center answer to a declared call into what the call reads a 2xx answer as, or into the exception
 * its failure answers say (docs/PARTNER-CENTER.md, docs/FAILURE-RULES.md). Messages name the customer, the status,
 * the server's code and reason, and the action; they never contain headers or tokens.
 */
public final class ResponseClassifier {

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
     * What a 2xx answer carries, read as the call declares; otherwise throws as the call's failure answers say.
     *
     * @param customerId the customer tenant id the call was for
     * @param header     response header lookup by name (null when absent)
     * @param body       the response body, possibly empty or null
     */
    public <T> T read(PartnerCenterCall<T> call, String customerId, int status, Function<String, String> header, byte[] body) {
        Function<String, String> headers = header == null ? name -> null : header;
        return call.answer().reading().read(check(call, customerId, status, headers, body), headers);
    }

    /**
     * Returns the JSON object of a 2xx answer; otherwise throws.
     *
     * @return the JSON object a 2xx answer carries; null for an empty answer the call allows
     * @throws TransientFailureException a 2xx whose body is not a JSON object (a gateway's page or a body cut short)
     * @throws PartnerCenterException    any other status, as the call's failure answers classify it
     */
    public ObjectNode check(PartnerCenterCall<?> call, String customerId, int status, Function<String, String> header, byte[] body) {
        if (status >= 200 && status < 300) {
            return objectIn(call, customerId, status, body);
        }
        PartnerCenterError error = body == null ? null : PartnerCenterError.parse(redaction.redact(body));
        if (error != null && error.isEmpty()) {
            error = null;
        }
        throw call.failures().classify(new FailedCall(call.doing(), customerId, status, error,
                header == null ? name -> null : header, clock));
    }

    /**
     * The JSON object of a 2xx answer. A call may allow an empty answer (201, 204, an empty 200 to a PUT: the change
     * is stored all the same). Anything else, a maintenance page, plain text, a body cut short, is a glitch on the
     * way, retried like a 503.
     */
    private ObjectNode objectIn(PartnerCenterCall<?> call, String customerId, int status, byte[] body) {
        byte[] bare = JsonBody.stripBom(body);
        boolean empty = new String(bare, StandardCharsets.UTF_8).isBlank();
        if (empty && call.answer().mayBeEmpty()) {
            return null;
        }
        String problem;
        if (empty) {
            problem = "the body is empty";
        } else {
            try {
                if (JsonBody.parse(bare) instanceof ObjectNode object) {
                    return object;
                }
                problem = "a JSON value that is not an object";
            } catch (IOException notJson) {
                problem = "not JSON";
            }
        }
        byte[] redacted = redaction.redact(bare);
        String start = empty ? "" : ", it starts with: " + MessageText.clip(new String(redacted, 0,
                Math.min(redacted.length, 400), StandardCharsets.UTF_8), 80);
        FailedCall c = new FailedCall(call.doing(), customerId, status, null, name -> null, clock);
        throw new TransientFailureException("Partner Center answered HTTP " + status + " with something that is not "
                + call.answer().what() + " while " + c.doing() + " (" + problem + start + "). Retry later.",
                FailureKind.TRANSIENT, status, empty ? null : PartnerCenterError.parse(redacted), null);
    }
}
