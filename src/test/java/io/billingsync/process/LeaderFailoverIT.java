package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.testkit.ChangeLog;
import io.billingsync.testkit.ExpectedChange;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SandboxExtension.Root;
import io.billingsync.testkit.SyncFolders;
import io.billingsync.testkit.SyncInvariants;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real service processes on one folder set: exactly one of them (the holder of the lock in work/.leader) sends
 * anything; when it dies or stops, the other takes over and finishes its file from the journal, every change
 * settled once and the sandbox in the state of applying every change once, in order. Only the leader has the change
 * history open; the instance taking over opens it, and older data is still never written over newer.
 */
@ExtendWith(SandboxExtension.class)
class LeaderFailoverIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CUSTOMERS = 30;
    static final String FILE = "batch.ndjson";
    static final String RESENT = "resent.ndjson";
    static final String EARLIER = "earlier.ndjson";
    static final String HISTORY = "history.mv.db";

    @Root
    Path root;
    SyncFolders folders;
    PartnerCenterSandbox sandbox;
    @Customers(CUSTOMERS)
    List<String> customers;
    /** The changes written, file by file, in the order they must be applied. */
    final ChangeLog changes = new ChangeLog();
    final List<ServiceProcess> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        sandbox.setLatency(Duration.ofMillis(20));
        Files.createDirectories(folders.inbox());
        ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.concurrency = 4",
                "sync.history = true",
                // kills and handovers are placed at counts of PUTs, each value PUT once: each change its own write
                "sync.coalesce.max-changes = 1",
                "camel.main.shutdown-timeout = 20",
                "sync.leader.acquire-interval = 1s",
                "sync.leader.stale-after = 3s",
                "sync.leader.once-wait = 5s");
    }

    @AfterEach
    void tearDown() {
        started.forEach(ServiceProcess::close);
    }

    @Test
    void exactlyOneOfTwoInstancesLeadsAndEveryChangeIsSentOnce() throws Exception {
        int[] ports = {freePort(), freePort()};
        ServiceProcess a = start("a", management(ports[0]));
        ServiceProcess b = start("b", management(ports[1]));
        String leader = awaitLeader();
        writeBatch(150);

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(folders.done().resolve(FILE + ".result.json")));
        int leaderPort = ports[leader.equals("a") ? 0 : 1];
        int standbyPort = ports[leader.equals("a") ? 1 : 0];
        assertThat(get(leaderPort, "/observe/health?data=true")).contains("\"role\":\"leader\"");
        assertThat(get(standbyPort, "/observe/health?data=true")).contains("\"role\":\"standby\"");
        assertThat(get(leaderPort, "/observe/metrics")).containsPattern("(?m)^billing_sync_leader(\\{[^}]*\\})?1\\.0$");
        assertThat(get(standbyPort, "/observe/metrics")).containsPattern("(?m)^billing_sync_leader(\\{[^}]*\\})?0\\.0$");

        assertThat(List.of(log("a"), log("b"))).as("one leader, one standby")
                .filteredOn(text -> text.contains("Leading:")).hasSize(1);
        assertThat(log(other(leader))).contains("Standby: waiting for the lock");
        assertThat(putsBy(other(leader))).as("PUTs sent by the standby").isZero();
        assertInvariant();
        assertThat(a.isAlive() && b.isAlive()).isTrue();
    }

    @Test
    void killedLeaderIsReplacedAndTheStandbyFinishesItsFile() throws Exception {
        start("a");
        start("b");
        String leader = awaitLeader();
        writeBatch(300);
        await().atMost(Duration.ofSeconds(60)).until(() -> putsBy(leader) >= 60);

        long killed = System.nanoTime();
        process(leader).kill();
        String standby = other(leader);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> log(standby).contains("Leading:"));
        long takeover = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.println("LeaderFailoverIT: takeover after kill -9 of the leader: " + takeover + " ms");

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(folders.done().resolve(FILE + ".result.json")));
        assertThat(putsBy(leader)).as("the leader was killed mid-batch").isLessThan(changes.of(FILE).size());
        assertThat(putsBy(standby)).as("the standby finished the batch").isPositive();
        assertThat(log(standby)).contains("resuming");
        assertInvariant();
    }

    @Test
    void sigtermOfTheLeaderHandsOverToTheStandby() throws Exception {
        start("a");
        start("b");
        String leader = awaitLeader();
        sandbox.setLatency(Duration.ofMillis(50));
        writeBatch(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> putsBy(leader) >= 30);

        long terminated = System.nanoTime();
        assertThat(process(leader).terminate(30)).as("SIGTERM exit code").isZero();
        String standby = other(leader);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> log(standby).contains("Leading:"));
        long takeover = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - terminated);
        System.out.println("LeaderFailoverIT: takeover after SIGTERM of the leader: " + takeover + " ms");

        sandbox.setLatency(Duration.ZERO);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(folders.done().resolve(FILE + ".result.json")));
        assertThat(putsBy(standby)).as("the standby finished the batch").isPositive();
        assertInvariant();
    }

    @Test
    void aPausedLeaderKeepsTheLockSoTheStandbyNeverWritesBesideIt() throws Exception {
        start("a");
        start("b");
        String leader = awaitLeader();
        sandbox.setLatency(Duration.ofMillis(50));
        writeBatch(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> putsBy(leader) >= 20);

        signal("STOP", process(leader).pid());
        try {
            int putsWhilePaused = putsBy(leader);
            // twice the staleness: the heartbeat is stale, but the paused process still holds the operating-system lock
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8))
                    .until(() -> putsBy(other(leader)) == 0 && !log(other(leader)).contains("Leading:"));
            assertThat(putsBy(leader)).as("nothing sent while paused").isEqualTo(putsWhilePaused);
        } finally {
            signal("CONT", process(leader).pid());
        }

        sandbox.setLatency(Duration.ZERO);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(folders.done().resolve(FILE + ".result.json")));
        assertThat(putsBy(other(leader))).as("PUTs sent by the standby").isZero();
        assertInvariant();
    }

    @Test
    void twoOnceRunsStartedTogetherProcessOnceAndTheSecondEndsAsStandby() throws Exception {
        sandbox.setLatency(Duration.ofMillis(60));
        writeBatch(300);
        ServiceProcess a = start("a", "--once");
        ServiceProcess b = start("b", "--once");

        List<Integer> codes = List.of(a.awaitExit(90), b.awaitExit(90));

        assertThat(codes).as("exit codes of the two runs").containsExactlyInAnyOrder(0, 5);
        String standby = codes.get(0) == 5 ? "a" : "b";
        assertThat(log(standby)).contains("another instance is processing these folders");
        assertThat(putsBy(standby)).as("PUTs sent by the run that stood by").isZero();
        assertInvariant();
    }

    @Test
    void theStandbyLeavesTheHistoryToTheLeaderAndOpensItWhenItTakesOver() throws Exception {
        start("a");
        String leader = awaitLeader();
        String standby = other(leader);
        StringBuilder earlier = new StringBuilder();
        for (int k = 0; k < CUSTOMERS; k++) {
            earlier.append(changes.add(EARLIER, ExpectedChange.set(customers.get(k), "B" + k, "companyName", "B" + String.format("%04d", k))
                    .madeAt(Instant.parse("2026-11-23T00:00:00Z"))));
        }
        writeLines(EARLIER, earlier.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(folders.done().resolve(EARLIER + ".result.json")));
        start(standby);
        await().atMost(Duration.ofSeconds(30)).until(() -> log(standby).contains("Standby: waiting for the lock"));
        writeBatch(300);
        await().atMost(Duration.ofSeconds(60)).until(() -> putsBy(leader) >= 60);
        assertThat(opensTheHistory(process(leader))).as("the leader has the history open").isTrue();
        assertThat(opensTheHistory(process(standby))).as("the standby leaves the history alone").isFalse();
        assertThat(log(standby)).as("the standby's log").doesNotContain("ERROR").doesNotContain(HISTORY);

        process(leader).kill();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> log(standby).contains("Leading:"));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(folders.done().resolve(FILE + ".result.json")));
        assertThat(opensTheHistory(process(standby))).as("the new leader has the history open").isTrue();
        assertThat(putsBy(standby)).as("the new leader finished the batch").isPositive();
        assertInvariant();

        // the batch again, and older data under new change ids: nothing of it is written over what was written last
        int putsBefore = puts();
        writeLines(RESENT, batchLines(0, 150, 0, 0) + batchLines(150, 300, 1000, 3600));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(folders.done().resolve(RESENT + ".result.json")));
        JsonNode resent = JSON.readTree(folders.done().resolve(RESENT + ".result.json").toFile());
        Map<String, Integer> outcomes = new HashMap<>();
        resent.path("changes").forEach(c -> outcomes.merge(c.path("outcome").asText(), 1, Integer::sum));
        assertThat(outcomes).as("the batch re-sent: duplicates; older data under new ids: superseded")
                .isEqualTo(Map.of("duplicate", 150, "superseded", 150));
        assertThat(puts()).as("nothing sent for them").isEqualTo(putsBefore);
        assertThat(log(standby)).as("the new leader's log").doesNotContain("ERROR");
        assertInvariant();
    }

    /** Whether the process has the history store open, read from the operating system's list of its open files. */
    private static boolean opensTheHistory(ServiceProcess process) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return descriptors.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).getFileName().toString().equals(HISTORY);
                } catch (IOException gone) {
                    return false;
                }
            });
        }
    }

    private int puts() {
        return (int) sandbox.requests().stream().filter(r -> r.method().equals("PUT")).count();
    }

    private static String[] management(int port) {
        return new String[] {"-Dcamel.management.enabled=true", "-Dcamel.management.host=127.0.0.1",
                "-Dcamel.management.port=" + port, "-Dcamel.management.health-check-enabled=true",
                "-Dcamel.management.metrics-enabled=true", "-Dcamel.metrics.enabled=true", "-Dcamel.health.exposure-level=full"};
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.body().replace(" ", "");
    }

    private ServiceProcess start(String name, String... args) throws IOException {
        Path config = root.resolve(name + ".properties");
        Files.writeString(config, Files.readString(root.resolve("sync.properties"))
                + "partnercenter.application = instance-" + name + "\n");
        ServiceProcess process = ServiceProcess.start(config, root.resolve(name + ".log"),
                Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken()), args);
        started.add(process);
        return process;
    }

    private ServiceProcess process(String name) {
        return started.get(name.equals("a") ? 0 : 1);
    }

    private static String other(String name) {
        return name.equals("a") ? "b" : "a";
    }

    private String awaitLeader() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(() -> log("a").contains("Leading:") || log("b").contains("Leading:"));
        return log("a").contains("Leading:") ? "a" : "b";
    }

    private String log(String name) throws IOException {
        Path log = root.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor()).isZero();
    }

    private int putsBy(String name) {
        return (int) sandbox.requests().stream().filter(r -> r.method().equals("PUT"))
                .filter(r -> ("instance-" + name).equals(r.header("MS-PartnerCenter-Application"))).count();
    }

    /** Written once both instances run, so neither could have taken it before the election. */
    private void writeBatch(int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(changes.add(FILE, batchChange(i, 0, 0)));
        }
        writeLines(FILE, lines.toString());
    }

    /** Changes {@code from} to {@code to} of the batch ({@link #batchChange}), as NDJSON lines. */
    private String batchLines(int from, int to, int idOffset, int secondsEarlier) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append(batchChange(i, idOffset, secondsEarlier).json()).append('\n');
        }
        return lines.toString();
    }

    /**
     * Change {@code i} of the batch sets its customer's company to C{@code i}, made at second {@code i} of the day,
     * less {@code secondsEarlier}; its change id is C{@code i}, offset by {@code idOffset} for new ids.
     */
    private ExpectedChange batchChange(int i, int idOffset, int secondsEarlier) {
        return ExpectedChange.set(customers.get((i * 7) % CUSTOMERS), "C" + String.format("%04d", i + idOffset), "companyName",
                "C" + String.format("%04d", i)).madeAt(Instant.parse("2026-11-24T00:00:00Z").plusSeconds(i - secondsEarlier));
    }

    private void writeLines(String name, String lines) throws IOException {
        Path temporary = folders.inbox().resolve(name + ".tmp");
        Files.writeString(temporary, lines);
        Files.move(temporary, folders.inbox().resolve(name));
    }

    /**
     * Every change of every file written settled exactly once; the sandbox holds each customer's last value; values
     * only moved forward, each PUT once; no journal left.
     */
    private void assertInvariant() {
        for (String file : changes.files()) {
            SyncInvariants.assertSettledOnce(folders, file, changes.of(file));
        }
        SyncInvariants.assertSandboxHolds(sandbox, changes.all());
        SyncInvariants.assertEachValuePutOnce(sandbox.requests(), "companyName", changes.all());
        SyncInvariants.assertNoJournalLeft(folders);
    }
}
