package io.billingsync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The service's management port on a free loopback port, with metrics served, for a test that reads them or health. */
final class ManagementPort {
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    ManagementPort() {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that serve it. */
    Map<String, String> settings() {
        return Map.of("camel.management.enabled", "true", "camel.management.port", String.valueOf(port),
                "camel.metrics.enabled", "true");
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
