package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.sftp.SftpTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar fetching from a real SFTP server, killed with SIGKILL at each point of a file's way from the server into
 * the inbox and off the server, then started again: every file is fetched and processed exactly once, every change
 * settled once, and Partner Center ends as if every change had been applied once, in order.
 */
class SftpKillAndRestartIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int FILES = 4;
    static final int LINES = 25;

    @TempDir
    Path root;
    PartnerCenterSandbox sandbox;
    SftpTestServer sftp;
    Path upload;
    Path config;
    List<String> customers;
    final Map<String, String> expected = new HashMap<>();
    final List<String> files = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults());
        customers = sandbox.addCustomers(10);
        sftp = SftpTestServer.start(root.resolve("sftp"), root.resolve("host-key"));
        upload = Files.createDirectories(sftp.root.resolve("upload"));
        config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.coalesce.max-changes = 1",
                "sync.sftp.host = 127.0.0.1",
                "sync.sftp.port = " + sftp.port(),
                "sync.sftp.user = " + SftpTestServer.USER,
                "sync.sftp.known-hosts-file = " + sftp.writeKnownHosts(root.resolve("known_hosts")),
                "sync.sftp.remote-folder = upload",
                "sync.sftp.stable-after = 300ms",
                "sync.sftp.poll-interval = 200ms",
                "sync.sftp.retry-interval = 500ms");
        for (int f = 0; f < FILES; f++) {
            // the first file is large enough to be caught while it is downloaded
            int lines = f == 0 ? 2000 : LINES;
            StringBuilder content = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                String customer = customers.get((i * 3 + f) % customers.size());
                String company = "F" + f + "-" + String.format("%04d", i);
                content.append("{\"customerId\":\"").append(customer).append("\",\"changes\":{\"companyName\":\"")
                        .append(company).append("\"}}\n");
                expected.put(customer, company);
            }
            String name = "erp-" + f + ".ndjson";
            Files.writeString(upload.resolve(name), content);
            files.add(name);
        }
    }

    @AfterEach
    void tearDown() {
        sftp.close();
        sandbox.close();
    }

    Map<String, String> environment() {
        return Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken(), "SYNC_SFTP_PASSWORD", SftpTestServer.PASSWORD);
    }

    @Test
    void killedWhileAFileIsDownloaded() throws Exception {
        sftp.slowReads(Duration.ofMillis(150));
        try (ServiceProcess service = ServiceProcess.start(config, root.resolve("service.log"), environment())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> hidden("..sftp-").size() == 1);
            service.kill();
        }
        assertThat(Files.size(root.resolve("inbox").resolve(hidden("..sftp-").get(0)))).as("cut off mid-download")
                .isLessThan(Files.size(upload.resolve("erp-0.ndjson")));
        assertThat(remembered()).isEmpty();
        sftp.slowReads(Duration.ZERO);
        finishAndCheck();
    }

    @Test
    void killedAfterTheDownloadBeforeItIsRemembered() throws Exception {
        killAt("io.billingsync.sftp.FetchLedger", "remember");
        assertThat(hidden(".sftp-")).as("the whole download, under its temporary name").hasSize(1);
        assertThat(remembered()).isEmpty();
        finishAndCheck();
    }

    @Test
    void killedAfterItIsRememberedBeforeItIsRenamedIntoTheInbox() throws Exception {
        killAt("io.billingsync.sftp.SftpDelivery", "finish");
        assertThat(hidden(".sftp-")).hasSize(1);
        assertThat(remembered()).hasSize(1);
        assertThat(root.resolve("inbox").resolve("erp-0.ndjson")).doesNotExist();
        finishAndCheck();
    }

    @Test
    void killedInTheInboxBeforeTheRemoteMove() throws Exception {
        killAt("io.billingsync.sftp.SftpRemoteArchive", "archive");
        assertThat(root.resolve("inbox").resolve("erp-0.ndjson")).exists();
        assertThat(upload.resolve("erp-0.ndjson")).as("still on the server").exists();
        assertThat(remembered()).hasSize(1);
        // the server is down while the service runs again: the file is processed from the inbox meanwhile, so when
        // the server is back only what was remembered keeps it from being fetched a second time
        sftp.stop();
        try (ServiceProcess service = ServiceProcess.start(config, root.resolve("service.log"), environment())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(root.resolve("done").resolve("erp-0.ndjson.result.json")));
            assertThat(service.terminate(30)).isZero();
        }
        sftp.restart();
        finishAndCheck();
    }

    @Test
    void killedAfterTheRemoteMoveBeforeItIsForgotten() throws Exception {
        killAt("io.billingsync.sftp.FetchLedger", "forget");
        assertThat(upload.resolve("done").resolve("erp-0.ndjson")).as("moved on the server").exists();
        assertThat(remembered()).hasSize(1);
        finishAndCheck();
    }

    @Test
    void withDoneMarkersKilledBetweenTheMarkersMoveAndTheFiles() throws Exception {
        for (String file : files) {
            Files.writeString(upload.resolve(file + ".done"), "");
        }
        Files.writeString(config, "sync.sftp.done-marker = .done\n", java.nio.file.StandardOpenOption.APPEND);
        killAt("io.billingsync.sftp.SftpRemoteArchive", "archive", 2);
        assertThat(upload.resolve("done").resolve("erp-0.ndjson.done")).as("the marker moved").exists();
        assertThat(upload.resolve("erp-0.ndjson")).as("its file not yet").exists();
        finishAndCheck();
        assertThat(SftpTestServer.names(upload.resolve("done"))).hasSize(2 * FILES);
    }

    /** Runs the service until a thread enters the method, and kills it (SIGKILL) there. */
    private void killAt(String className, String method) throws Exception {
        killAt(className, method, 1);
    }

    /** Runs the service until a thread enters the method for the {@code hit}-th time, and kills it there. */
    private void killAt(String className, String method, int hit) throws Exception {
        try (Breakpoint breakpoint = new Breakpoint();
             ServiceProcess service = ServiceProcess.start(config, root.resolve("service.log"), withAgent(breakpoint))) {
            breakpoint.arm(className, method, hit, Duration.ofSeconds(30));
            breakpoint.awaitHit(Duration.ofSeconds(60));
            service.kill();
        }
    }

    private Map<String, String> withAgent(Breakpoint breakpoint) {
        Map<String, String> environment = new HashMap<>(environment());
        environment.putAll(breakpoint.agent());
        return environment;
    }

    /** Runs the service again until every file is processed and off the server, then checks exactly once. */
    private void finishAndCheck() throws Exception {
        Path done = root.resolve("done");
        try (ServiceProcess service = ServiceProcess.start(config, root.resolve("service.log"), environment())) {
            await().atMost(Duration.ofSeconds(120)).until(() -> files.stream()
                    .allMatch(f -> Files.exists(done.resolve(f + ".result.json")) && !Files.exists(upload.resolve(f))));
            assertThat(service.terminate(30)).isZero();
        }
        List<String> expectedDone = new ArrayList<>();
        files.forEach(f -> expectedDone.addAll(List.of(f, f + ".result.json")));
        assertThat(SftpTestServer.names(done)).as("each file processed once").containsExactlyInAnyOrderElementsOf(expectedDone);
        for (String file : files) {
            List<Integer> indexes = new ArrayList<>();
            for (JsonNode change : JSON.readTree(done.resolve(file + ".result.json").toFile()).path("changes")) {
                indexes.add(change.path("index").asInt());
                assertThat(change.path("outcome").asText()).as(file).isEqualTo("applied");
            }
            assertThat(indexes).as("every change of " + file + " once").hasSize(file.equals("erp-0.ndjson") ? 2000 : LINES)
                    .doesNotHaveDuplicates();
        }
        expected.forEach((customer, company) ->
                assertThat(sandbox.profile(customer).path("companyName").asText()).as(customer).isEqualTo(company));
        assertThat(SftpTestServer.names(upload)).containsExactly("done");
        assertThat(SftpTestServer.names(upload.resolve("done"))).containsAll(files);
        assertThat(SftpTestServer.names(root.resolve("inbox"))).as("no download left behind").isEmpty();
        assertThat(remembered()).as("nothing left to remember").isEmpty();
    }

    private List<String> hidden(String prefix) throws IOException {
        return SftpTestServer.names(root.resolve("inbox")).stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private List<String> remembered() throws IOException {
        return SftpTestServer.names(root.resolve("work").resolve("sftp")).stream().filter(n -> n.endsWith(".json")).toList();
    }
}
