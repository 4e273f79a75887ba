package io.billingsync.sandbox;

import static io.billingsync.sandbox.SandboxAnswers.sendError;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every request the sandbox receives: recorded, delayed by the added latency, then answered by the token endpoint or
 * by the {@link SandboxHandler} of its path, after the faults every Partner Center call shares (a tenant's rate
 * limit, a gateway's header echo, throttling, server errors, the bearer token checked, its MFA claim).
 */
final class SandboxDispatcher implements HttpHandler {
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2(/v2\\.0)?/token");

    private final SandboxSettings settings;
    private final SandboxFaults faults;
    private final RequestCounts counts;
    private final TokenIssuer tokens;
    private final List<SandboxHandler> handlers;
    private final Clock clock;
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    volatile boolean recording = true;
    volatile String pathPrefix = "";

    SandboxDispatcher(SandboxSettings settings, SandboxFaults faults, RequestCounts counts, TokenIssuer tokens,
                      List<SandboxHandler> handlers, Clock clock) {
        this.settings = settings;
        this.faults = faults;
        this.counts = counts;
        this.tokens = tokens;
        this.handlers = List.copyOf(handlers);
        this.clock = clock;
    }

    List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void clearRequests() {
        requests.clear();
    }

    int peakRequestsInFlight() {
        return peakInFlight.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean partnerCenterRequest = false;
        try (exchange) {
            Instant received = clock.instant(); // before the body is read: when the request came, as near as can be
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (recording) {
                requests.add(new RecordedRequest(exchange.getRequestMethod(), path, lowerCaseHeaders(exchange.getRequestHeaders()),
                        new String(body, StandardCharsets.UTF_8), received));
            }
            // counted only while the added latency lasts, so a request is never counted after its answer left
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                SandboxAnswers.pause(faults.latency);
            } finally {
                inFlight.decrementAndGet();
            }
            if (TOKEN_PATH.matcher(path).matches() && exchange.getRequestMethod().equals("POST")) {
                TokenIssuer.Answer answer = tokens.grant(form(body));
                SandboxAnswers.sendJson(exchange, answer.status(), answer.body());
                return;
            }
            String prefix = pathPrefix;
            String callPath = path.startsWith(prefix + "/") ? path.substring(prefix.length()) : "";
            for (SandboxHandler handler : handlers) {
                Matcher matched = handler.path().matcher(callPath);
                if (matched.matches()) {
                    partnerCenterRequest = true;
                    counts.request(exchange.getRequestMethod());
                    if (!sharedFaultAnswered(exchange)) {
                        handler.answer(exchange, matched, body);
                    }
                    return;
                }
            }
            sendError(exchange, 404, 404, "Resource not found: " + path, List.of());
        } catch (RuntimeException e) {
            sendError(exchange, 500, 500, "Sandbox failure: " + e.getClass().getSimpleName(), List.of());
        } finally {
            if (partnerCenterRequest) {
                counts.recordAnswer(exchange.getResponseCode());
            }
        }
    }

    /** Answers with the first fault every Partner Center call shares that applies; false when none does. */
    private boolean sharedFaultAnswered(HttpExchange exchange) throws IOException {
        echoIds(exchange);
        Long rateLimited = faults.rateLimit.refuse(clock.instant());
        if (rateLimited != null) {
            sendThrottled(exchange, rateLimited);
        } else if (SandboxFaults.take(faults.headerEchoes)) {
            SandboxAnswers.sendHeaderEcho(exchange);
        } else if (faults.takeThrottledRequest()) {
            sendThrottled(exchange, faults.retryAfterSeconds);
        } else if (SandboxFaults.take(faults.serverErrors)) {
            sendError(exchange, faults.serverErrorStatus, 500, "Internal server error (injected).", List.of());
        } else if (faults.refuseCredentials || !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            sendError(exchange, 401, 401, "Unauthorized: the bearer token is missing, invalid or expired.", List.of());
        } else {
            return faults.mfa.refused(exchange);
        }
        return true;
    }

    private void sendThrottled(HttpExchange exchange, long retryAfterSeconds) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        SandboxAnswers.send(exchange, 429, ("{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in "
                + retryAfterSeconds + " seconds.\"}").getBytes(StandardCharsets.UTF_8), false);
        counts.throttled(clock.instant(), retryAfterSeconds);
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        String token = header.substring("Bearer ".length());
        return token.equals(settings.staticToken()) || tokens.acceptsAccessToken(token);
    }

    private static void echoIds(HttpExchange exchange) {
        for (String name : List.of("MS-CorrelationId", "MS-RequestId")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                exchange.getResponseHeaders().set(name, value);
            }
        }
    }

    private static Map<String, String> lowerCaseHeaders(Headers headers) {
        Map<String, String> copy = new HashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return copy;
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
