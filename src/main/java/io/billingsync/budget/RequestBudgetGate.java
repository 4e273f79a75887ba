package io.billingsync.budget;

import io.billingsync.partnercenter.RetryAfter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;

/**
 * The HTTP client's first step for every Partner Center request: wait for the shared {@link RequestBudget}, send,
 * and on a 429 lower the cap in force for a while and, with {@code Retry-After}, pause every lane. It sits outside
 * the request deadline, so time spent waiting for the budget is not counted against
 * {@code partnercenter.request-timeout}.
 */
public final class RequestBudgetGate implements ExecChainHandler {
    /** The name it has in the HTTP client's execution chain. */
    public static final String NAME = "request-budget";

    private final RequestBudget budget;
    private final Clock clock;

    public RequestBudgetGate(RequestBudget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        try {
            budget.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the request budget");
        }
        ClassicHttpResponse response = chain.proceed(request, scope);
        if (response.getCode() == 429) {
            budget.tooManyRequests();
            Header retryAfter = response.getFirstHeader("Retry-After");
            if (retryAfter != null) {
                RetryAfter.parse(retryAfter.getValue(), clock).ifPresent(budget::throttled);
            }
        }
        return response;
    }
}
