package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.testkit.SyncFolders;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's own short --config file (the folders and the endpoint, nothing else) still runs with the documented
 * defaults of config/application.properties under it: the health, metrics and status endpoints are there.
 */
class ShippedDefaultsIT {
    @TempDir
    Path root;

    @Test
    void aShortConfigFileKeepsTheManagementEndpointsOfTheShippedDefaults() throws Exception {
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            SyncFolders folders = SyncFolders.under(root);
            Path config = Files.writeString(root.resolve("operator.properties"), String.join("\n",
                    "partnercenter.base-url = " + sandbox.baseUrl(),
                    "sync.inbox = " + folders.inbox(),
                    "sync.done = " + folders.done(),
                    "sync.dead-letter = " + folders.deadLetter(),
                    "sync.work = " + folders.work(), ""));
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            HttpClient http = HttpClient.newHttpClient();
            Path log = root.resolve("service.log");
            // only the port is moved (the default 9876 may be taken on this machine): everything else is the default
            try (ServiceProcess service = ServiceProcess.start(config, log, Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken(),
                    "JAVA_TOOL_OPTIONS", "-Dcamel.management.port=" + port))) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .ignoreException(ConnectException.class)
                        .until(() -> !service.isAlive() || get(http, port, "/observe/health/ready").statusCode() == 200);
                assertThat(service.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(get(http, port, "/observe/metrics").body()).contains("billing_sync_inbox_files");
                assertThat(get(http, port, "/observe/status").body()).contains("\"source\" : \"service\"");
                assertThat(service.terminate(30)).isZero();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
