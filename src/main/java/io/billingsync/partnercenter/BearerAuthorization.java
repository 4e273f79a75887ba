package io.billingsync.partnercenter;

import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.util.Objects;

/**
 * Adds {@code Authorization: Bearer <token>} to every request at the HTTP client level, so the token never
 * enters a Camel message, header or log. Registered also as a response interceptor, it tells the
 * {@link TokenProvider} which token a 401 rejected, so the next request gets a fresh one. That needs one
 * {@link HttpContext} per request, which is what HttpClient creates unless a caller shares one.
 */
public final class BearerAuthorization implements HttpRequestInterceptor, HttpResponseInterceptor {

    private static final String TOKEN_USED = BearerAuthorization.class.getName() + ".token";

    private final TokenProvider tokens;

    public BearerAuthorization(TokenProvider tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
        String token = tokens.accessToken();
        request.setHeader(PartnerCenterHeaders.AUTHORIZATION, "Bearer " + token);
        if (context != null) {
            context.setAttribute(TOKEN_USED, token);
        }
    }

    @Override
    public void process(HttpResponse response, EntityDetails entity, HttpContext context) {
        if (response.getCode() == HttpStatus.SC_UNAUTHORIZED && context != null
                && context.getAttribute(TOKEN_USED) instanceof String token) {
            tokens.invalidate(token);
        }
    }

    @Override
    public String toString() {
        return "BearerAuthorization[" + tokens + "]";
    }
}
