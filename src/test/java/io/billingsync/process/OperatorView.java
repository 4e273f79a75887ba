package io.billingsync.process;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an operator sees of a run of the jar, kept as files in one folder for a test to read: the metrics and
 * /observe/status scraped while it runs, the trace spans it exports over OTLP (received here), and the output of the
 * status and dead-letters commands afterwards.
 */
final class OperatorView implements AutoCloseable {
    private final Path dir;
    private final HttpServer otlp;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Thread scraper;

    private OperatorView(Path dir, HttpServer otlp) {
        this.dir = dir;
        this.otlp = otlp;
    }

    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** Starts the OTLP receiver: every export's body is appended to {@code spans.otlp}. */
    static OperatorView start(Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                Files.write(dir.resolve("spans.otlp"), body.readAllBytes(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return new OperatorView(dir, server);
    }

    String otlpEndpoint() {
        return "http://127.0.0.1:" + otlp.getAddress().getPort();
    }

    /** Scrapes /observe/metrics and /observe/status until the service ends, keeping every answer. */
    void scrapeWhile(ServiceProcess service, int port) {
        scraper = new Thread(() -> {
            while (service.isAlive()) {
                keep(port, "/observe/metrics", "metrics.txt");
                keep(port, "/observe/status", "status.json");
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "operator-view");
        scraper.setDaemon(true);
        scraper.start();
    }

    private void keep(int port, String path, String file) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                Files.writeString(dir.resolve(file), answer.body() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException | InterruptedException notYetOrNoMore) {
            // the service is starting or has stopped
        }
    }

    void awaitSpans() {
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(dir.resolve("spans.otlp")));
    }

    /** status (both forms), dead-letters and dead-letters show for each dead letter, from the folders. */
    void runCommands(Path config, Map<String, String> environment) throws Exception {
        command(environment, "status.txt", "status", "--config", config.toString());
        command(environment, "status-cli.json", "status", "--config", config.toString(), "--json");
        command(environment, "dead-letters.txt", "dead-letters", "--config", config.toString());
        try (Stream<Path> letters = Files.list(config.getParent().resolve("dead-letter"))) {
            for (Path letter : letters.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".error.json")).toList()) {
                command(environment, "dead-letters-show.txt", "dead-letters", "--config", config.toString(), "show",
                        letter.getFileName().toString());
            }
        }
    }

    private void command(Map<String, String> environment, String output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServiceProcess.jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(output).toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not finish within a minute");
        }
    }

    @Override
    public void close() {
        otlp.stop(0);
        if (scraper != null) {
            try {
                scraper.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
