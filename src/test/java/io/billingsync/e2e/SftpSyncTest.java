package io.billingsync.e2e;

import io.billingsync.sftp.SftpTestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The real service ({@link SyncHarness}) with a real SFTP server on loopback ({@link SftpTestServer}) serving the
 * folder {@code upload}, its host key in the service's known_hosts file, the password in the service's environment,
 * and the management port open for readiness.
 */
abstract class SftpSyncTest extends OneCustomerSyncTest {
    SftpTestServer sftp;
    Path upload;
    Path knownHosts;
    int managementPort;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startSftp() throws IOException {
        sftp = SftpTestServer.start(root.resolve("sftp"), root.resolve("host-key"));
        upload = Files.createDirectories(sftp.root.resolve("upload"));
        knownHosts = sftp.writeKnownHosts(root.resolve("known_hosts"));
        harness.environment.put("SYNC_SFTP_PASSWORD", SftpTestServer.PASSWORD);
        try (ServerSocket free = new ServerSocket(0)) {
            managementPort = free.getLocalPort();
        }
    }

    @AfterEach
    void stopSftp() {
        sftp.close();
    }

    Map<String, String> settings(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "sync.sftp.host", "127.0.0.1",
                "sync.sftp.port", String.valueOf(sftp.port()),
                "sync.sftp.user", SftpTestServer.USER,
                "sync.sftp.known-hosts-file", knownHosts.toString(),
                "sync.sftp.remote-folder", "upload",
                "sync.sftp.stable-after", "300ms",
                "sync.sftp.poll-interval", "100ms",
                "sync.sftp.retry-interval", "200ms",
                "sync.sftp.timeout", "5s",
                "sync.coalesce.max-changes", "1"));
        settings.put("camel.management.enabled", "true");
        settings.put("camel.management.port", String.valueOf(managementPort));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    String change(String company) {
        return "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"" + company + "\"}}\n";
    }

    HttpResponse<String> ready() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready?data=true"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The readiness answer, with JSON's escaped slashes as plain ones. */
    String readiness() throws IOException, InterruptedException {
        return ready().body().replace("\\/", "/");
    }
}
