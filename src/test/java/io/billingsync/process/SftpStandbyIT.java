package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.sftp.SftpTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes on one folder set and one SFTP server: only the leader ever connects to the server (the
 * standby logs in as its own user, which the server never sees), and when the leader is killed the standby takes
 * over the fetching too.
 */
class SftpStandbyIT {
    @TempDir
    Path root;

    @Test
    void onlyTheLeaderConnectsToTheServerAndTheStandbyFetchesOnceItLeads() throws Exception {
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults());
             SftpTestServer sftp = SftpTestServer.start(root.resolve("sftp"), root.resolve("host-key"))) {
            String customer = sandbox.addCustomers(1).get(0);
            Path upload = Files.createDirectories(sftp.root.resolve("upload"));
            sftp.addUser("instance-a", "password-a");
            sftp.addUser("instance-b", "password-b");
            Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                    "sync.sftp.host = 127.0.0.1",
                    "sync.sftp.port = " + sftp.port(),
                    "sync.sftp.known-hosts-file = " + sftp.writeKnownHosts(root.resolve("known_hosts")),
                    "sync.sftp.remote-folder = upload",
                    "sync.sftp.stable-after = 200ms",
                    "sync.sftp.poll-interval = 200ms");
            Path logA = root.resolve("a.log");
            Path logB = root.resolve("b.log");
            try (ServiceProcess a = ServiceProcess.start(config, logA, instance(sandbox, "instance-a", "password-a"))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(logA) && Files.readString(logA).contains("Leading:"));
                try (ServiceProcess b = ServiceProcess.start(config, logB, instance(sandbox, "instance-b", "password-b"))) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(logB)
                            && Files.readString(logB).contains("Standby: waiting for the lock"));
                    Files.writeString(upload.resolve("one.ndjson"), change(customer, "One"));
                    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(root.resolve("done/one.ndjson.result.json")));
                    Thread.sleep(2000); // the standby has had many polling intervals by now

                    assertThat(sftp.logins()).as("only the leader logged in").isNotEmpty().containsOnly("instance-a");
                    assertThat(sftp.sessions()).as("no connection from the standby").isEqualTo(sftp.logins().size());

                    a.kill();
                    await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(logB).contains("Leading:"));
                    Files.writeString(upload.resolve("two.ndjson"), change(customer, "Two"));
                    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(root.resolve("done/two.ndjson.result.json")));
                    assertThat(b.terminate(30)).isZero();
                }
            }
            assertThat(sftp.logins()).contains("instance-b");
            assertThat(SftpTestServer.names(upload.resolve("done"))).containsExactly("one.ndjson", "two.ndjson");
            assertThat(SftpTestServer.names(root.resolve("done"))).as("each file once")
                    .containsExactly("one.ndjson", "one.ndjson.result.json", "two.ndjson", "two.ndjson.result.json");
            assertThat(sandbox.profile(customer).path("companyName").asText()).isEqualTo("Two");
        }
    }

    private static Map<String, String> instance(PartnerCenterSandbox sandbox, String user, String password) {
        return Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken(), "SYNC_SFTP_USER", user, "SYNC_SFTP_PASSWORD", password);
    }

    private static String change(String customer, String company) {
        return "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"" + company + "\"}}\n";
    }
}
