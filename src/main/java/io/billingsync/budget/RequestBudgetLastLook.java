package io.billingsync.budget;

import io.billingsync.partnercenter.RetryAfter;
import java.time.Clock;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The HTTP client's last step before a request goes on the wire and its first on the answer. A request let through
 * by the {@link RequestBudgetGate} may be held up in the client a while before it is sent (waiting for a connection,
 * a token, a cold JVM): if a 429 paused every lane meanwhile, it is not sent now but goes back to the gate
 * ({@link HeldBack}). A 429 is registered as soon as its status line is read, before anything else of the answer is
 * handled, so no other lane slips out between the 429 and its pause.
 */
public final class RequestBudgetLastLook implements HttpRequestInterceptor, HttpResponseInterceptor {
    private final RequestBudget budget;
    private final Clock clock;

    public RequestBudgetLastLook(RequestBudget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    /** @throws HeldBack when a pause came into force after the gate let the request through */
    @Override
    public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
        if (!budget.mayStillSend()) {
            throw new HeldBack();
        }
    }

    @Override
    public void process(HttpResponse response, EntityDetails entity, HttpContext context) {
        if (response.getCode() == 429) {
            budget.tooManyRequests();
            Header retryAfter = response.getFirstHeader("Retry-After");
            if (retryAfter != null) {
                RetryAfter.parse(retryAfter.getValue(), clock).ifPresent(budget::throttled);
            }
        }
    }

    /** A request not sent because a pause came into force: the gate waits it out and sends the request again. */
    static final class HeldBack extends RuntimeException {
        HeldBack() {
            super("a 429 paused every lane after the request budget let this request through", null, false, false);
        }
    }
}
