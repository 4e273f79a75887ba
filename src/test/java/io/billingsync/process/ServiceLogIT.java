package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Root;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the jar says about itself while it starts and stops: only what is true. */
@ExtendWith(SandboxExtension.class)
class ServiceLogIT {
    @Root
    Path root;
    PartnerCenterSandbox sandbox;
    int port;

    @BeforeEach
    void findAFreePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    private ServiceProcess service(String... args) throws IOException {
        return service(root.resolve("service.log"), args);
    }

    private ServiceProcess service(Path log, String... args) throws IOException {
        Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "camel.management.enabled = true", "camel.management.host = 127.0.0.1", "camel.management.port = " + port,
                "camel.management.health-check-enabled = true", "camel.management.metrics-enabled = true", "camel.metrics.enabled = true");
        return ServiceProcess.start(config, log, Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken()), args);
    }

    private String log() throws IOException {
        return log(root.resolve("service.log"));
    }

    private static String log(Path file) throws IOException {
        return Files.readString(file);
    }

    @Test
    void theManagementEndpointsAreLoggedAtTheAddressTheyAreBoundTo() throws Exception {
        try (ServiceProcess service = service()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log().contains("/observe/health"));
            String health = "http://127.0.0.1:" + port + "/observe/health";

            assertThat(log()).contains(health, health + "/live", health + "/ready", "http://127.0.0.1:" + port + "/observe/metrics")
                    .doesNotContain("0.0.0.0");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(health + "/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(service.terminate(60)).isZero();
        }
    }

    @Test
    void aStopNamesTheSignalThatCame() throws Exception {
        try (ServiceProcess service = service()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log().contains("started in"));
            Process hangup = new ProcessBuilder("kill", "-HUP", String.valueOf(service.pid())).start();
            assertThat(hangup.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(service.awaitExit(60)).as(log()).isZero();
            assertThat(log()).contains("SIGHUP received").doesNotContain("SIGTERM");
        }
        Path secondLog = root.resolve("service-2.log");
        try (ServiceProcess service = service(secondLog)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(secondLog) && log(secondLog).contains("started in"));
            assertThat(service.terminate(60)).as(log(secondLog)).isZero();
            assertThat(log(secondLog)).contains("SIGTERM received");
        }
    }

    @Test
    void aRunThatEndsByItselfMentionsNoSignal() throws Exception {
        String customer = sandbox.addCustomers(1).get(0);
        Files.createDirectories(root.resolve("inbox"));
        Files.writeString(root.resolve("inbox").resolve("a.json"), "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"X\"}}");
        try (ServiceProcess service = service("--once")) {
            assertThat(service.awaitExit(60)).as(log()).isZero();
        }
        assertThat(log()).contains("1 applied").doesNotContain("SIGTERM").doesNotContain("SIGHUP").doesNotContain("SIGINT");
    }

    @Test
    void aLeaderThatConsumesForAWhileLogsNoWarning() throws Exception {
        String customer = sandbox.addCustomers(1).get(0);
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        try (ServiceProcess service = service()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log().contains("Leading:"));
            Files.writeString(inbox.resolve("a.json"), "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"A\"}}");
            // well past the first seconds of leading, when starting the consumers might still be going on
            await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(root.resolve("done").resolve("a.json.result.json")));
            assertThat(service.terminate(60)).isZero();
        }
        assertThat(Files.readAllLines(root.resolve("service.log"))).as("warnings and errors")
                .noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR "));
    }
}
