package io.billingsync.sandbox;

import static io.billingsync.sandbox.SandboxAnswers.send;
import static io.billingsync.sandbox.SandboxAnswers.sendError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET and PUT of {@code /v1/customers/{customerId}/profiles/billing}: ETag in the body only, quoted {@code If-Match}
 * checked, a stale ETag answered 412 (or 400/2055), unknown customers 404, Partner Center's address checks, and the
 * faults that concern this call (scripted answers, glitches, lost PUTs, a concurrent writer, trickling answers).
 */
final class BillingProfileHandler implements SandboxHandler {
    private static final Pattern PATH = Pattern.compile("/v1/customers/([^/]+)/profiles/billing/?");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final BillingProfileStore store;
    private final SandboxFaults faults;
    private final Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();

    BillingProfileHandler(BillingProfileStore store, SandboxFaults faults) {
        this.store = store;
        this.faults = faults;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    int putCount(String customerId) {
        AtomicInteger count = puts.get(BillingProfileStore.key(customerId));
        return count == null ? 0 : count.get();
    }

    @Override
    public void answer(HttpExchange exchange, Matcher path, byte[] body) throws IOException {
        String customerId = path.group(1);
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
                    SandboxAnswers.sendGlitch(exchange, glitch, store.get(customerId));
                } else {
                    sendProfile(exchange, store.get(customerId), faults.bomOnGet);
                }
            }
            case "PUT" -> {
                if (SandboxFaults.take(faults.lostPuts)) {
                    SandboxAnswers.pause(faults.lostPutHold); // then closed without an answer, nothing applied
                } else {
                    put(exchange, customerId, body);
                }
            }
            default -> sendError(exchange, 405, 405, "Method not allowed.", List.of());
        }
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
            SandboxAnswers.sendGlitch(exchange, glitch, (ObjectNode) parsed); // a gateway answered: nothing stored
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
            SandboxAnswers.sendGlitch(exchange, glitch, stored);
        } else if (SandboxFaults.take(faults.storedPutAnswers)) {
            SandboxFaults.StoredPutAnswer answer = faults.storedPutAnswer;
            send(exchange, answer.status(), answer.body().getBytes(StandardCharsets.UTF_8), false);
        } else {
            sendProfile(exchange, stored, false);
        }
    }

    /** A 200 with the profile, with the faults that shape how it arrives (a gateway's ETag header, trickling). */
    private void sendProfile(HttpExchange exchange, ObjectNode profile, boolean bom) throws IOException {
        byte[] body = BillingProfileStore.JSON.writeValueAsBytes(profile);
        if (faults.gatewayEtagHeader) {
            exchange.getResponseHeaders().set("ETag", "W/\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"");
        }
        if (SandboxFaults.take(faults.trickles)) {
            SandboxAnswers.trickle(exchange, 200, body, faults.trickleInterval);
        } else {
            send(exchange, 200, body, bom);
        }
    }
}
