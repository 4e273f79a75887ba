package io.billingsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * An embedded simulator of Partner Center's billing-profile endpoint, bound to loopback only: ETag in the body
 * only, quoted {@code If-Match} checked, stale ETag answered 412 (or 400/2055), Partner Center's error bodies,
 * bearer tokens checked, unknown customers 404, address checks, an Azure AD-style token endpoint, and
 * {@link SandboxFaults} for tests, demos and benchmarks.
 */
public final class PartnerCenterSandbox implements AutoCloseable {
    private static final Pattern PROFILE_PATH = Pattern.compile("/v1/customers/([^/]+)/profiles/billing/?");
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2(/v2\\.0)?/token");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final SandboxSettings settings;
    private final SSLContext tls;
    private final BillingProfileStore store = new BillingProfileStore();
    private final SandboxFaults faults = new SandboxFaults();
    private final RequestCounts counts = new RequestCounts();
    private final TokenIssuer tokens;
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();
    private volatile boolean recording = true;
    private volatile String pathPrefix = "";
    private HttpServer server;
    private ExecutorService threads;
    private int port;

    private PartnerCenterSandbox(SandboxSettings settings, SSLContext tls) {
        this.settings = settings;
        this.tls = tls;
        this.tokens = new TokenIssuer(settings, clock);
        if (settings.seed()) {
            SeedCustomers.SEEDS.forEach(s -> store.put(s.id(), SeedCustomers.profile(s.id(), s.first(), s.last(), s.company(), s.email())));
        }
    }

    public static PartnerCenterSandbox start(SandboxSettings settings) {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        PartnerCenterSandbox sandbox = new PartnerCenterSandbox(settings, null);
        sandbox.bind(settings.port());
        return sandbox;
    }

    /** The sandbox over HTTPS, presenting the certificate of {@code tls} (for tests of certificate trust). */
    public static PartnerCenterSandbox startHttps(SandboxSettings settings, SSLContext tls) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        PartnerCenterSandbox sandbox = new PartnerCenterSandbox(settings, tls);
        sandbox.bind(settings.port());
        return sandbox;
    }

    private synchronized void bind(int requestedPort) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort);
            if (tls == null) {
                server = HttpServer.create(address, 256);
            } else {
                HttpsServer https = HttpsServer.create(address, 256);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new IllegalStateException("sandbox cannot listen on 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
        }
        threads = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    public URI baseUrl() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
    }

    /** The token endpoint for the refresh-token grant (tenant "sandbox"). */
    public URI tokenUrl() {
        return URI.create(baseUrl() + "/sandbox/oauth2/token");
    }

    public int port() {
        return port;
    }

    public String staticToken() {
        return settings.staticToken();
    }

    public SandboxSettings settings() {
        return settings;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** Per-method and per-status counts of the billing-profile requests, and the 429s answered. */
    public RequestCounts counts() {
        return counts;
    }

    /** Serves the billing profiles under this path (e.g. "/pc", as behind a gateway) instead of at the root. */
    public void pathPrefix(String prefix) {
        pathPrefix = prefix;
    }

    /** Stops answering: connections are refused until {@link #restart()}. State is kept. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void restart() {
        stop();
        bind(port);
    }

    @Override
    public void close() {
        stop();
    }

    // ---- state, for tests --------------------------------------------------------------------------------

    public ObjectNode profile(String customerId) {
        return store.get(customerId);
    }

    public Set<String> customerIds() {
        return store.ids();
    }

    public void putCustomer(String customerId, ObjectNode profile) {
        store.put(customerId, profile);
    }

    /** Adds {@code count} customers with deterministic ids, returned in order. */
    public List<String> addCustomers(int count) {
        List<String> ids = new ArrayList<>(count);
        int offset = store.ids().size();
        for (int i = 0; i < count; i++) {
            String id = SeedCustomers.syntheticId(offset + i);
            store.put(id, SeedCustomers.profile(id, "First" + i, "Last" + i, "Company " + i, "billing" + i + "@example.com"));
            ids.add(id);
        }
        return ids;
    }

    /** Changes one top-level field as another writer would (the profile gets a new ETag). */
    public void putCustomerField(String customerId, String field, String value) {
        synchronized (store.lockFor(customerId)) {
            ObjectNode profile = store.get(customerId);
            profile.put(field, value);
            store.put(customerId, profile);
        }
    }

    public void setLatency(Duration latency) {
        faults.latency(latency);
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Benchmarks switch the request log off so it does not grow without bound. */
    public void recordRequests(boolean on) {
        recording = on;
    }

    /** The most requests that were waiting out the added latency at one time: the clients' parallelism. */
    public int peakRequestsInFlight() {
        return peakInFlight.get();
    }

    public int putCount(String customerId) {
        AtomicInteger count = puts.get(BillingProfileStore.key(customerId));
        return count == null ? 0 : count.get();
    }

    public String issueRefreshToken() {
        return tokens.issueRefreshToken();
    }

    public void revokeRefreshTokens() {
        tokens.revokeRefreshTokens();
    }

    /** Every access token the token endpoint issued (tests check none of them leaks into logs or records). */
    public Set<String> issuedAccessTokens() {
        return tokens.issuedAccessTokens();
    }

    public Set<String> issuedRefreshTokens() {
        return tokens.issuedRefreshTokens();
    }

    public int tokenRequests() {
        return tokens.requests();
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        boolean profileRequest = false;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (recording) {
                requests.add(new RecordedRequest(exchange.getRequestMethod(), path, lowerCaseHeaders(exchange.getRequestHeaders()),
                        new String(body, StandardCharsets.UTF_8), clock.instant()));
            }
            // counted only while the added latency lasts, so a request is never counted after its answer left
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                pause(faults.latency);
            } finally {
                inFlight.decrementAndGet();
            }
            Matcher token = TOKEN_PATH.matcher(path);
            if (token.matches() && exchange.getRequestMethod().equals("POST")) {
                TokenIssuer.Answer answer = tokens.grant(form(body));
                send(exchange, answer.status(), BillingProfileStore.JSON.writeValueAsBytes(answer.body()), false);
                return;
            }
            String prefix = pathPrefix;
            Matcher profile = PROFILE_PATH.matcher(path.startsWith(prefix + "/") ? path.substring(prefix.length()) : "");
            if (!profile.matches()) {
                sendError(exchange, 404, 404, "Resource not found: " + path, List.of());
                return;
            }
            echoIds(exchange);
            profileRequest = true;
            counts.request(exchange.getRequestMethod());
            Long rateLimited = faults.rateLimit.refuse(clock.instant());
            if (rateLimited != null) {
                sendThrottled(exchange, rateLimited);
                return;
            }
            if (SandboxFaults.take(faults.headerEchoes)) {
                sendHeaderEcho(exchange);
                return;
            }
            if (faults.takeThrottledRequest()) {
                sendThrottled(exchange, faults.retryAfterSeconds);
                return;
            }
            if (SandboxFaults.take(faults.serverErrors)) {
                sendError(exchange, faults.serverErrorStatus, 500, "Internal server error (injected).", List.of());
                return;
            }
            if (faults.refuseCredentials || !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                sendError(exchange, 401, 401, "Unauthorized: the bearer token is missing, invalid or expired.", List.of());
                return;
            }
            String customerId = profile.group(1);
            if (!GUID.matcher(customerId).matches()) {
                sendError(exchange, 400, 900118, "Invalid customer id: " + customerId, List.of());
                return;
            }
            SandboxFaults.Scripted scripted = faults.takeScripted(BillingProfileStore.key(customerId));
            if (scripted != null) {
                send(exchange, scripted.status(), scripted.body().getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            if (store.lockFor(customerId) == null) {
                sendError(exchange, 404, 1000, "Customer " + customerId + " was not found.", List.of());
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    SandboxFaults.Glitch glitch = faults.takeGlitch("GET");
                    if (glitch != null) {
                        sendGlitch(exchange, glitch, store.get(customerId));
                    } else {
                        sendProfile(exchange, 200, store.get(customerId), faults.bomOnGet);
                    }
                }
                case "PUT" -> {
                    if (SandboxFaults.take(faults.lostPuts)) {
                        pause(faults.lostPutHold); // then closed without an answer, nothing applied
                    } else {
                        put(exchange, customerId, body);
                    }
                }
                default -> sendError(exchange, 405, 405, "Method not allowed.", List.of());
            }
        } catch (RuntimeException e) {
            sendError(exchange, 500, 500, "Sandbox failure: " + e.getClass().getSimpleName(), List.of());
        } finally {
            if (profileRequest) {
                counts.recordAnswer(exchange.getResponseCode());
            }
        }
    }

    private void sendThrottled(HttpExchange exchange, long retryAfterSeconds) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        send(exchange, 429, ("{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in "
                + retryAfterSeconds + " seconds.\"}").getBytes(StandardCharsets.UTF_8), false);
        counts.throttled(clock.instant(), retryAfterSeconds);
    }

    private void put(HttpExchange exchange, String customerId, byte[] body) throws IOException {
        JsonNode parsed;
        try {
            parsed = BillingProfileStore.JSON.readTree(body);
        } catch (IOException e) {
            sendError(exchange, 400, 3000, "The request body is not valid JSON.", List.of());
            return;
        }
        if (parsed == null || !parsed.isObject()) {
            sendError(exchange, 400, 3000, "The request body must be the billing profile resource.", List.of());
            return;
        }
        SandboxFaults.Glitch glitch = faults.takeGlitch("PUT");
        if (glitch != null && glitch != SandboxFaults.Glitch.TRUNCATED) {
            sendGlitch(exchange, glitch, (ObjectNode) parsed); // a gateway answered: nothing stored
            return;
        }
        ObjectNode stored;
        synchronized (store.lockFor(customerId)) {
            if (SandboxFaults.take(faults.concurrentModifications)) {
                ObjectNode other = store.get(customerId);
                other.put("companyName", other.path("companyName").asText() + " (changed elsewhere)");
                store.put(customerId, other);
            }
            String current = BillingProfileStore.etagOf(store.get(customerId));
            String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
            if (ifMatch == null || !ifMatch.equals("\"" + current + "\"")) {
                if (faults.staleAs2055) {
                    sendError(exchange, 400, 2055, "Etag is no longer valid.", List.of());
                } else {
                    sendError(exchange, 412, 412, ifMatch == null ? "If-Match header is required."
                            : "The resource has been modified: the ETag is no longer valid.", List.of());
                }
                return;
            }
            BillingProfileStore.Rejection rejection = BillingProfileStore.validate(customerId, (ObjectNode) parsed);
            if (rejection != null) {
                sendError(exchange, 400, rejection.code(), rejection.description(), rejection.data());
                return;
            }
            stored = store.put(customerId, (ObjectNode) parsed);
            puts.computeIfAbsent(BillingProfileStore.key(customerId), k -> new AtomicInteger()).incrementAndGet();
        }
        if (glitch != null) {
            sendGlitch(exchange, glitch, stored);
        } else if (SandboxFaults.take(faults.storedPutAnswers)) {
            SandboxFaults.StoredPutAnswer answer = faults.storedPutAnswer;
            send(exchange, answer.status(), answer.body().getBytes(StandardCharsets.UTF_8), false);
        } else {
            sendProfile(exchange, 200, stored, false);
        }
    }

    /** A profile answer, with the faults that shape how it arrives (a gateway's ETag header, trickling). */
    private void sendProfile(HttpExchange exchange, int status, ObjectNode profile, boolean bom) throws IOException {
        byte[] body = BillingProfileStore.JSON.writeValueAsBytes(profile);
        if (faults.gatewayEtagHeader) {
            exchange.getResponseHeaders().set("ETag", "W/\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
        }
        if (SandboxFaults.take(faults.trickles)) {
            trickle(exchange, status, body, faults.trickleInterval);
        } else {
            send(exchange, status, body, bom);
        }
    }

    private static void trickle(HttpExchange exchange, int status, byte[] body, Duration interval) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : body) {
                out.write(b);
                out.flush();
                pause(interval);
            }
        }
    }

    private static void sendGlitch(HttpExchange exchange, SandboxFaults.Glitch glitch, ObjectNode profile) throws IOException {
        String contentType;
        byte[] body;
        switch (glitch) {
            case HTML -> {
                contentType = "text/html; charset=utf-8";
                body = ("<!DOCTYPE html><html><head><title>Down for maintenance</title></head>"
                        + "<body><h1>We'll be back soon</h1></body></html>").getBytes(StandardCharsets.UTF_8);
            }
            case TEXT -> {
                contentType = "text/plain; charset=utf-8";
                body = "Service is being updated, please try again later.".getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                contentType = "application/json; charset=utf-8";
                byte[] whole = BillingProfileStore.JSON.writeValueAsBytes(profile);
                body = java.util.Arrays.copyOf(whole, whole.length / 2);
            }
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A gateway's error page listing the request's headers, the bearer token among them. */
    private static void sendHeaderEcho(HttpExchange exchange) throws IOException {
        Map<String, Object> echoed = new java.util.LinkedHashMap<>();
        StringBuilder lines = new StringBuilder();
        exchange.getRequestHeaders().forEach((name, values) -> {
            echoed.put(name, String.join(",", values));
            lines.append(name).append(": ").append(String.join(",", values)).append("; ");
        });
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String bareToken = authorization == null ? "" : authorization.replaceFirst("(?i)^bearer\\s+", "");
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", 3000);
        error.put("description", "Bad request. Received headers: " + lines);
        error.put("data", List.of("token=" + bareToken));
        error.put("source", "Gateway");
        error.put("requestHeaders", echoed);
        send(exchange, 400, BillingProfileStore.JSON.writeValueAsBytes(error), false);
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

    private static void sendError(HttpExchange exchange, int status, int code, String description, List<String> data)
            throws IOException {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        error.put("data", data);
        error.put("source", "PartnerFD");
        send(exchange, status, BillingProfileStore.JSON.writeValueAsBytes(error), false);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean bom) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        byte[] prefix = bom ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF} : new byte[0];
        exchange.sendResponseHeaders(status, prefix.length + body.length == 0 ? -1 : prefix.length + body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(prefix);
            out.write(body);
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

    private static void pause(Duration latency) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
