package io.billingsync.budget;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * The HTTP client's first step for every Partner Center request: wait for the shared {@link RequestBudget}, then
 * send. A request that a 429 caught between here and the wire ({@link RequestBudgetLastLook}) is not sent: it waits
 * here again and goes as it was given. It sits outside the request deadline, so time spent waiting for the budget is
 * not counted against {@code partnercenter.request-timeout}.
 */
public final class RequestBudgetGate implements ExecChainHandler {
    /** The name it has in the HTTP client's execution chain. */
    public static final String NAME = "request-budget";

    private final RequestBudget budget;

    public RequestBudgetGate(RequestBudget budget) {
        this.budget = budget;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpRequest attempt = request;
        while (true) {
            try {
                budget.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request budget");
            }
            try {
                return chain.proceed(attempt, scope);
            } catch (RequestBudgetLastLook.HeldBack heldBack) {
                // the steps after this one (headers, the entity's framing) were applied to the attempt: start afresh
                attempt = ClassicRequestBuilder.copy(scope.originalRequest).build();
            }
        }
    }
}
