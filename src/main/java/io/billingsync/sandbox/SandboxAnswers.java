package io.billingsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the sandbox writes its answers: JSON, Partner Center's error bodies, and the ways a gateway garbles them. */
final class SandboxAnswers {
    private SandboxAnswers() {
    }

    static void send(HttpExchange exchange, int status, byte[] body, boolean bom) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        byte[] prefix = bom ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF} : new byte[0];
        exchange.sendResponseHeaders(status, prefix.length + body.length == 0 ? -1 : prefix.length + body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(prefix);
            out.write(body);
        }
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, BillingProfileStore.JSON.writeValueAsBytes(body), false);
    }

    /** Partner Center's error body: {@code {"code", "description", "data", "source"}}. */
    static void sendError(HttpExchange exchange, int status, int code, String description, List<String> data)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        error.put("data", data);
        error.put("source", "PartnerFD");
        sendJson(exchange, status, error);
    }

    /** The headers at once, then the body one byte every {@code interval}. */
    static void trickle(HttpExchange exchange, int status, byte[] body, Duration interval) throws IOException {
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

    /** A 200 whose body is not a billing profile: a maintenance page, plain text, or {@code profile} cut in half. */
    static void sendGlitch(HttpExchange exchange, SandboxFaults.Glitch glitch, ObjectNode profile) throws IOException {
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
                body = Arrays.copyOf(whole, whole.length / 2);
            }
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A gateway's error page listing the request's headers, the bearer token among them. */
    static void sendHeaderEcho(HttpExchange exchange) throws IOException {
        Map<String, Object> echoed = new LinkedHashMap<>();
        StringBuilder lines = new StringBuilder();
        exchange.getRequestHeaders().forEach((name, values) -> {
            echoed.put(name, String.join(",", values));
            lines.append(name).append(": ").append(String.join(",", values)).append("; ");
        });
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String bareToken = authorization == null ? "" : authorization.replaceFirst("(?i)^bearer\\s+", "");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", 3000);
        error.put("description", "Bad request. Received headers: " + lines);
        error.put("data", List.of("token=" + bareToken));
        error.put("source", "Gateway");
        error.put("requestHeaders", echoed);
        sendJson(exchange, 400, error);
    }

    static void pause(Duration latency) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
