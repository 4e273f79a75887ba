package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Customers;
import io.billingsync.testkit.SandboxExtension.Root;
import io.billingsync.testkit.SyncFolders;
import io.billingsync.testkit.SyncInvariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The desired-state timer of the real jar, killed with SIGKILL in the middle of a tick and started again, or replaced
 * by a standby: what a tick learnt is in the store, so no customer is left unapplied, none is applied twice, and the
 * ticks after read nothing they know to be in state.
 */
@ExtendWith(SandboxExtension.class)
class DesiredStateKillAndRestartIT {
    static final int CUSTOMERS = 60;
    static final int CONCURRENCY = 2;

    @Root
    Path root;
    SyncFolders folders;
    PartnerCenterSandbox sandbox;
    @Customers(CUSTOMERS)
    List<String> customers;
    Path desired;
    final List<ServiceProcess> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        sandbox.setLatency(Duration.ofMillis(30));
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < CUSTOMERS; i++) {
            json.append(i == 0 ? "" : ",\n").append("{\"customerId\":\"").append(customers.get(i))
                    .append("\",\"changes\":{\"companyName\":\"").append(desiredCompany(i)).append("\"}}");
        }
        desired = Files.writeString(root.resolve("desired.json"), json.append("]"));
        ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl(),
                "sync.concurrency = " + CONCURRENCY,
                "sync.desired-state.file = " + desired,
                "sync.desired-state.period = 500ms",
                "camel.main.shutdown-timeout = 20",
                "sync.leader.acquire-interval = 500ms",
                "sync.leader.stale-after = 1500ms");
    }

    @AfterEach
    void tearDown() {
        started.forEach(ServiceProcess::close);
    }

    private static String desiredCompany(int i) {
        return "Desired " + i;
    }

    @Test
    void killedMidTickNothingIsLostNothingAppliedTwiceAndNothingReadAgainThatIsKnownInState() throws Exception {
        for (int stopAt : new int[] {15, 35}) {
            ServiceProcess service = start("a");
            await().atMost(Duration.ofSeconds(60)).until(() -> totalPuts() >= stopAt || !service.isAlive());
            service.kill();
        }
        assertThat(totalPuts()).as("killed mid-tick").isLessThan(CUSTOMERS);

        ServiceProcess service = start("a");
        await().atMost(Duration.ofSeconds(60)).until(this::allInDesiredState);
        int ticks = records();
        await().atMost(Duration.ofSeconds(30)).until(() -> records() >= ticks + 1);
        int requests = sandbox.counts().requests();
        await().atMost(Duration.ofSeconds(30)).until(() -> records() >= ticks + 4);
        assertThat(sandbox.counts().requests()).as("requests of the ticks once every customer is in state").isEqualTo(requests);

        for (String customer : customers) {
            assertThat(sandbox.putCount(customer)).as(customer + " PUT").isEqualTo(1);
            assertThat(gets(customer)).as(customer + " read").isBetween(1L, 2L);
        }
        // read twice: only a customer whose tick's outcome the kill caught between its PUT and its commit
        assertThat(customers.stream().filter(c -> gets(c) == 2).count()).as("customers read again after a kill")
                .isLessThanOrEqualTo(2 * CONCURRENCY);
        assertThat(service.terminate(30)).isZero();
        SyncInvariants.assertNoJournalLeft(folders);
        SyncInvariants.assertNoDeadLetters(folders);
    }

    @Test
    void aStandbyTakingOverFromAKilledLeaderContinuesFromTheStore() throws Exception {
        start("a");
        start("b");
        await().atMost(Duration.ofSeconds(60)).until(() -> log("a").contains("Leading:") || log("b").contains("Leading:"));
        String leader = log("a").contains("Leading:") ? "a" : "b";
        String standby = leader.equals("a") ? "b" : "a";
        await().atMost(Duration.ofSeconds(60)).until(this::allInDesiredState);
        int ticks = records();
        await().atMost(Duration.ofSeconds(30)).until(() -> records() >= ticks + 2);
        int requests = sandbox.counts().requests();
        assertThat(requests).as("each customer read once and PUT once").isEqualTo(2 * CUSTOMERS);

        started.get(leader.equals("a") ? 0 : 1).kill();
        await().atMost(Duration.ofSeconds(30)).until(() -> log(standby).contains("Leading:"));
        int beforeTakeover = records();
        await().atMost(Duration.ofSeconds(30)).until(() -> records() >= beforeTakeover + 3);
        assertThat(sandbox.counts().requests()).as("requests of the new leader's ticks").isEqualTo(requests);
        assertThat(log(standby)).contains("Desired state desired.json: " + CUSTOMERS + " customer change(s): 0 applied, "
                + CUSTOMERS + " unchanged (" + CUSTOMERS + " of them not read");
    }

    private ServiceProcess start(String name) throws IOException {
        Path config = root.resolve(name + ".properties");
        Files.writeString(config, Files.readString(root.resolve("sync.properties"))
                + "partnercenter.application = instance-" + name + "\n");
        ServiceProcess process = ServiceProcess.start(config, root.resolve(name + ".log"),
                Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken()));
        started.add(process);
        return process;
    }

    private boolean allInDesiredState() {
        for (int i = 0; i < CUSTOMERS; i++) {
            if (!sandbox.profile(customers.get(i)).path("companyName").asText().equals(desiredCompany(i))) {
                return false;
            }
        }
        return true;
    }

    /** The ticks that completed: one result record each. */
    private int records() {
        return (int) SyncFolders.names(folders.done()).stream().filter(n -> n.startsWith("desired-state-")).count();
    }

    private int totalPuts() {
        return customers.stream().mapToInt(sandbox::putCount).sum();
    }

    private long gets(String customer) {
        return sandbox.requests().stream().filter(r -> r.method().equals("GET") && r.path().contains(customer)).count();
    }

    private String log(String name) throws IOException {
        Path log = root.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
