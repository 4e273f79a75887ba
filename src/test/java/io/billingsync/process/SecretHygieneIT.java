package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.sftp.SftpTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole batch through the jar with DEBUG logging for Camel and the service, using the refresh-token grant
 * with tokens expiring mid-batch, a conflict and a dead-lettered change, and a file fetched from an SFTP server
 * with an encrypted private key (its passphrase used, the key refused) and then the password: no secret appears in
 * anything written, nor in what an operator sees (the metrics and /observe/status scraped during the run, the trace
 * spans exported, the status and dead-letters commands).
 */
class SecretHygieneIT {

    @TempDir
    Path root;

    private static Map<String, String> PARTNERCENTER_ENV(PartnerCenterSandbox sandbox) {
        return Map.of("PARTNERCENTER_AUTH_CLIENT_SECRET", sandbox.settings().clientSecret());
    }

    private static Map<String, String> withOtlp(Map<String, String> environment, OperatorView view) {
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", view.otlpEndpoint());
        return environment;
    }

    @Test
    void noSecretInLogsRecordsDeadLettersOrJournals() throws Exception {
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults().withAccessTokenTtl(Duration.ofSeconds(2)));
             SftpTestServer sftp = SftpTestServer.start(root.resolve("sftp"), root.resolve("sftp-host-key"))) {
            List<String> customers = sandbox.addCustomers(10);
            Path secrets = Files.createDirectories(root.resolve("secrets"));
            Path refreshTokenFile = secrets.resolve("refresh-token");
            Files.writeString(refreshTokenFile, sandbox.issueRefreshToken());
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                lines.append("{\"customerId\":\"").append(customers.get(i % 10)).append("\",\"changes\":{\"companyName\":\"H")
                        .append(i).append("\"}}\n");
            }
            lines.append("{\"customerId\":\"").append(customers.get(0)).append("\",\"changes\":{\"emial\":\"typo@contoso.com\"}}\n");
            Files.writeString(inbox.resolve("batch.ndjson"), lines);
            Path upload = Files.createDirectories(sftp.root.resolve("upload"));
            Files.writeString(upload.resolve("remote.ndjson"), "{\"customerId\":\"" + customers.get(5)
                    + "\",\"changes\":{\"companyName\":\"Fetched\"}}\n");
            String passphrase = "key-Passphrase-" + System.nanoTime();
            Path privateKey = secrets.resolve("id_ecdsa");
            SftpTestServer.writeClientKey(privateKey, passphrase); // not allowed on the server: the password follows
            sandbox.setLatency(Duration.ofMillis(30));
            sandbox.faults().concurrentModifications(3);
            sandbox.faults().answerNext(customers.get(3), 404, "{\"code\":1000,\"description\":\"Customer not found\"}");
            sandbox.faults().echoRequestHeaders(1); // a gateway's error page showing the Authorization header
            int managementPort = OperatorView.freePort();
            Path config = ServiceProcess.writeConfig(root,
                    "partnercenter.base-url = " + sandbox.baseUrl(),
                    "partnercenter.auth.token-url = " + sandbox.tokenUrl(),
                    "partnercenter.auth.client-id = " + sandbox.settings().clientId(),
                    "partnercenter.auth.refresh-token-file = " + refreshTokenFile,
                    // a request per change keeps the batch long enough for the tokens to be refreshed during it
                    "sync.coalesce.max-changes = 1",
                    "sync.sftp.host = 127.0.0.1",
                    "sync.sftp.port = " + sftp.port(),
                    "sync.sftp.user = " + SftpTestServer.USER,
                    "sync.sftp.private-key-file = " + privateKey,
                    "sync.sftp.known-hosts-file = " + sftp.writeKnownHosts(secrets.resolve("known_hosts")),
                    "sync.sftp.remote-folder = upload",
                    "sync.sftp.stable-after = 200ms",
                    "sync.sftp.poll-interval = 200ms",
                    "camel.management.enabled = true", "camel.management.port = " + managementPort,
                    "camel.metrics.enabled = true", "sync.status.refresh-interval = 200ms", "sync.tracing.enabled = true");
            Path log = root.resolve("service.log");
            // what the service and its offline commands need in their environment with these settings
            Map<String, String> secretEnvironment = Map.of("PARTNERCENTER_AUTH_CLIENT_SECRET", sandbox.settings().clientSecret(),
                    "SYNC_SFTP_PASSWORD", SftpTestServer.PASSWORD, "SYNC_SFTP_PRIVATE_KEY_PASSPHRASE", passphrase);
            Map<String, String> environment = new java.util.HashMap<>(secretEnvironment);
            environment.putAll(Map.of("JAVA_TOOL_OPTIONS", "-Dsync.log.level=DEBUG -Dcamel.log.level=DEBUG",
                    "OTEL_BSP_SCHEDULE_DELAY", "100"));
            Path seen = Files.createDirectories(root.resolve("operator-view"));
            try (OperatorView view = OperatorView.start(seen);
                 ServiceProcess service = ServiceProcess.start(config, log, withOtlp(environment, view), "--once")) {
                view.scrapeWhile(service, managementPort);
                assertThat(service.awaitExit(120)).as("exit code: something was dead-lettered").isEqualTo(1);
                view.awaitSpans();
                view.runCommands(config, secretEnvironment);
            }
            assertThat(Files.readString(seen.resolve("metrics.txt"))).contains("billing_sync_dead_letters");
            assertThat(Files.readString(seen.resolve("status.json"))).contains("\"source\"");
            assertThat(Files.size(seen.resolve("spans.otlp"))).as("spans exported").isPositive();
            assertThat(Files.readString(seen.resolve("dead-letters.txt"))).contains("dead letter(s)");
            try (Stream<Path> views = Files.list(seen)) {
                for (Path view : views.toList()) {
                    assertThat(new String(Files.readAllBytes(view), StandardCharsets.UTF_8))
                            .as(view + ": no personal data in what an operator sees").doesNotContain("typo@contoso.com");
                }
            }
            assertThat(sandbox.tokenRequests()).as("tokens refreshed during the batch").isGreaterThanOrEqualTo(2);
            String logText = Files.readString(log);
            assertThat(logText).contains("DEBUG").contains("dead-lettered").contains("remote.ndjson: fetched");
            assertThat(sftp.logins()).as("logged in with the password after the key").contains(SftpTestServer.USER);
            assertThat(root.resolve("done").resolve("remote.ndjson.result.json")).exists();

            List<String> secretsToFind = new ArrayList<>();
            secretsToFind.add(sandbox.settings().clientSecret());
            secretsToFind.add(sandbox.staticToken());
            secretsToFind.addAll(sandbox.issuedRefreshTokens());
            secretsToFind.addAll(sandbox.issuedAccessTokens());
            secretsToFind.add(SftpTestServer.PASSWORD);
            secretsToFind.add(passphrase);
            assertThat(secretsToFind).hasSizeGreaterThan(4);
            List<Path> written;
            try (Stream<Path> files = Files.walk(root)) {
                written = files.filter(Files::isRegularFile).filter(p -> !p.startsWith(secrets) && !p.equals(config)).toList();
            }
            assertThat(written).anyMatch(p -> p.toString().endsWith(".result.json")).anyMatch(p -> p.toString().endsWith(".error.json"));
            for (Path file : written) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String secret : secretsToFind) {
                    assertThat(content).as(file + " must not contain a secret").doesNotContain(secret);
                }
            }
        }
    }
}
