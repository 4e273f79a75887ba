package io.billingsync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A free management port for a test's service, the settings that open it, and GETs on it. */
final class ManagementPort {
    final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    ManagementPort() {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The management server on this port, and {@code extra} (metrics, say). */
    Map<String, String> settings(String... extra) {
        Map<String, String> settings = new HashMap<>(Map.of("camel.management.enabled", "true",
                "camel.management.port", String.valueOf(port)));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Prometheus page. */
    String metrics() throws IOException, InterruptedException {
        return get("/observe/metrics").body();
    }
}
