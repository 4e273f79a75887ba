package io.billingsync.sandbox;

import static io.billingsync.sandbox.SandboxAnswers.sendError;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;

/**
 * Whether the sandbox's access tokens carry the MFA claim, and whether Partner Center enforces it on App + User calls
 * (docs/PARTNER-CENTER.md#authentication): enforced, a token without the claim is refused with 401 and code
 * {@value #CODE}; a request sent with {@code ValidateMfa: true} is told {@code isMfaCompliant} in a response header
 * (where Partner Center puts it is not documented; the service reads a header or a body field).
 */
public final class MfaClaims {
    static final int CODE = 900421;
    static final String VALIDATE_HEADER = "ValidateMfa";
    static final String COMPLIANT_HEADER = "isMfaCompliant";

    /** What the tokens carry and what Partner Center does about it. */
    public enum Mode {
        /** The tokens carry the MFA claim (the default). */
        CLAIMED,
        /** They do not, and the calls still succeed: a request asking is told it is not compliant. */
        MISSING,
        /** They do not, and every Partner Center call is refused with 401 and code 900421. */
        ENFORCED
    }

    private volatile Mode mode = Mode.CLAIMED;

    public void set(Mode claims) {
        mode = claims;
    }

    void reset() {
        mode = Mode.CLAIMED;
    }

    /** Refuses the request as Partner Center's enforcement does; false when it lets the request through. */
    boolean refused(HttpExchange exchange) throws IOException {
        if (mode == Mode.ENFORCED) {
            sendError(exchange, 401, CODE, "Multifactor authentication is required: the access token carries no MFA claim.",
                    List.of());
            return true;
        }
        if ("true".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(VALIDATE_HEADER))) {
            exchange.getResponseHeaders().set(COMPLIANT_HEADER, String.valueOf(mode == Mode.CLAIMED));
        }
        return false;
    }
}
