package io.billingsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.monitoring.FolderStatus;
import io.billingsync.monitoring.ServiceStatus;
import io.billingsync.monitoring.StatusEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * {@code status [--json]}: the running service's status from its management endpoint, or, when none answers, what
 * the folders show; says which. Exit code: 0 healthy, 1 needs attention, 3 halted (docs/MONITORING.md).
 */
final class StatusCommand {
    static final String JSON_OPTION = "--json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final FolderStatus folders;
    private final PrintStream out;

    /** @param endpoint the management server's /observe/status; null when the management server is off */
    StatusCommand(URI endpoint, FolderStatus folders, PrintStream out) {
        this.endpoint = endpoint;
        this.folders = folders;
        this.out = out;
    }

    int run(List<String> arguments) throws IOException {
        for (String argument : arguments) {
            if (!argument.equals(JSON_OPTION)) {
                throw new IllegalArgumentException("status takes only --json, not " + argument);
            }
        }
        String unanswered = null;
        JsonNode status = null;
        if (endpoint == null) {
            unanswered = "the management server is off (camel.management.enabled=false)";
        } else {
            try {
                status = fromService();
            } catch (IOException e) {
                unanswered = "no service answered at " + endpoint + " (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unanswered = "interrupted while asking " + endpoint;
            }
        }
        if (status == null) {
            status = JSON.valueToTree(folders.read());
        }
        if (arguments.contains(JSON_OPTION)) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            out.print(new StatusText(status, endpoint, unanswered).render());
        }
        return exitCode(status.path("verdict").asText());
    }

    private JsonNode fromService() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("HTTP " + answer.statusCode());
        }
        return JSON.readTree(answer.body());
    }

    static int exitCode(String verdict) {
        for (ServiceStatus.Verdict v : ServiceStatus.Verdict.values()) {
            if (v.word().equals(verdict)) {
                return v.exitCode();
            }
        }
        return ServiceStatus.Verdict.NEEDS_ATTENTION.exitCode();
    }

    /** The /observe/status URL of the management server the settings describe; null when it is off. */
    static URI endpoint(java.util.Properties properties) {
        if (!Boolean.parseBoolean(properties.getProperty("camel.management.enabled", "false"))) {
            return null;
        }
        String host = properties.getProperty("camel.management.host", "0.0.0.0").trim();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            host = "127.0.0.1";
        }
        String port = properties.getProperty("camel.management.port", "9876").trim();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + StatusEndpoint.PATH);
    }
}
