package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Customer;
import io.billingsync.testkit.SandboxExtension.Root;
import io.billingsync.testkit.SyncFolders;
import io.billingsync.testkit.SyncInvariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The jar when a file cannot be completed: in service mode it holds back the later files and is retried on a
 * back-off with one log line, not a stack trace per attempt; with --once the run ends with exit code 4.
 */
@ExtendWith(SandboxExtension.class)
class InboxRetryIT {
    @Root
    Path root;
    SyncFolders folders;
    PartnerCenterSandbox sandbox;
    @Customer
    String customer;
    Path inbox;
    Path done;
    Path log;

    @BeforeEach
    void setUp() throws IOException {
        inbox = Files.createDirectories(folders.inbox());
        done = folders.done();
        log = root.resolve("service.log");
    }

    private String change(String email) {
        return "[{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"" + email + "\"}}]";
    }

    private List<String> putEmails() {
        return SyncInvariants.putValues(sandbox.requests(), "email");
    }

    @Test
    void refusedCredentialsHoldBackTheLaterFileAndLogOneLineUntilTheyAreAcceptedAgain() throws Exception {
        Files.writeString(inbox.resolve("a.json"), change("old@contoso.com"));
        Files.writeString(inbox.resolve("b.json"), change("new@contoso.com"));
        sandbox.faults().refuseCredentials(true);
        Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.inbox.max-backoff = 400ms");

        try (ServiceProcess service = ServiceProcess.start(config, log, Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.requests().size() >= 6);
            assertThat(sandbox.requests()).as("b.json waits for a.json").allMatch(r -> r.method().equals("GET"));
            sandbox.faults().refuseCredentials(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done.resolve("b.json.result.json")));
            assertThat(service.terminate(60)).isZero();
        }

        assertThat(putEmails()).containsExactly("old@contoso.com", "new@contoso.com");
        assertThat(sandbox.profile(customer).path("email").asText()).isEqualTo("new@contoso.com");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.stream().filter(l -> l.contains(" ERROR ") || l.contains(" WARN "))).hasSize(1)
                .allMatch(l -> l.contains("a.json: cannot be completed"));
        assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
        assertThat(lines).anyMatch(l -> l.contains("a.json: completed after"));
    }

    @Test
    void aDoneFolderThatBecomesAPlainFileEndsAOnceRunWithExitCode4() throws Exception {
        Files.writeString(inbox.resolve("a.json"), "[" + change("a0@contoso.com").replaceAll("^\\[|]$", "") + ","
                + change("a1@contoso.com").replaceAll("^\\[|]$", "") + "]");
        sandbox.setLatency(Duration.ofMillis(300));
        // each change its own PUT, so "nothing sent twice" reads off the PUTs per change
        Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.coalesce.max-changes = 1");
        Map<String, String> environment = Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken());

        try (ServiceProcess service = ServiceProcess.start(config, log, environment, "--once")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !sandbox.requests().isEmpty());
            Files.delete(done);
            Files.writeString(done, "not a folder");
            assertThat(service.awaitExit(60)).isEqualTo(4);
        }
        assertThat(Files.readString(log)).contains("NOT COMPLETED: a.json");
        assertThat(inbox.resolve("a.json")).exists();

        Files.delete(done);
        try (ServiceProcess service = ServiceProcess.start(config, log, environment, "--once")) {
            assertThat(service.awaitExit(60)).isZero();
        }
        assertThat(putEmails()).as("nothing sent twice").containsExactly("a0@contoso.com", "a1@contoso.com");
        assertThat(done.resolve("a.json.result.json")).exists();
    }
}
