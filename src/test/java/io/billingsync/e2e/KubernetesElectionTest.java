package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.billingsync.change.ChangeEntry;
import io.billingsync.change.ChangeRequest;
import io.billingsync.change.ChangeToApply;
import io.billingsync.change.ChangeWrite;
import io.billingsync.cluster.LeadershipLostException;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.service.SyncService;
import io.billingsync.testkit.SandboxExtension.Root;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code sync.cluster=kubernetes}: two instances on one folder set elect their writer on a Lease of fabric8's mock
 * API server (CRUD mode: Leases and Pods are stored as a real API server would). Only the leader consumes the inbox;
 * a leader whose Pod leaves the Pod list loses the Lease, stops consuming and sends no PUT; the other takes over.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@ExtendWith(SyncServiceExtension.class)
class KubernetesElectionTest {
    static KubernetesClient client;

    @Root
    Path root;
    PartnerCenterSandbox sandbox;
    SyncHarness files;
    MockKubernetes kubernetes;
    final List<SyncService> services = new ArrayList<>();

    @BeforeEach
    void setUp() {
        kubernetes = new MockKubernetes(client);
        kubernetes.runningPod("pod-a");
        kubernetes.runningPod("pod-b");
    }

    @AfterEach
    void stopTheInstances() throws Exception {
        for (SyncService service : services) {
            service.close();
        }
    }

    @Test
    void onlyTheLeaseHolderProcessesAndALeaderWhosePodIsGoneStopsAndIsFenced() throws Exception {
        SyncService a = start("pod-a");
        SyncService b = start("pod-b");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.leadership().isLeading() || b.leadership().isLeading());
        SyncService leader = a.leadership().isLeading() ? a : b;
        SyncService standby = leader == a ? b : a;
        String leaderPod = leader == a ? "pod-a" : "pod-b";
        assertThat(standby.leadership().isLeading()).as("the other instance is a standby").isFalse();
        assertThat(kubernetes.leaseHolder()).as("holder of the Lease").isEqualTo(leaderPod);

        List<String> customers = sandbox.addCustomers(4);
        NotifyBuilder standbyInbox = filesTaken(standby);
        files.drop("first.ndjson", changes(customers.subList(0, 3), "First"));
        files.awaitResult("first.ndjson", Duration.ofSeconds(30));
        assertThat(standbyInbox.matches()).as("the standby consumed an inbox file").isFalse();
        assertThat(customers.subList(0, 3)).allSatisfy(c -> assertThat(sandbox.putCount(c)).as("PUTs for " + c).isEqualTo(1));

        // the leader's Pod leaves the list (deleted, or no longer ready): its claim on the Lease is void
        long podGone = System.nanoTime();
        kubernetes.removePod(leaderPod);
        int termsOfTheFormerLeader = leader.leadership().timesTaken();
        await().atMost(Duration.ofSeconds(20)).until(() -> !leader.leadership().isLeading());
        await().atMost(Duration.ofSeconds(20)).until(() -> standby.leadership().isLeading());
        // Camel's election names the former leader again while the Lease still does, although its Pod is unlisted
        assertThat(leader.leadership().timesTaken()).as("times the former leader started leading")
                .isEqualTo(termsOfTheFormerLeader);
        System.out.printf("Kubernetes takeover after the leader's Pod was deleted: %d ms%n",
                Duration.ofNanos(System.nanoTime() - podGone).toMillis());
        assertThat(kubernetes.leaseHolder()).as("holder of the Lease").isNotEqualTo(leaderPod);

        String fenced = customers.get(3);
        assertThatThrownBy(() -> leader.camel().createProducerTemplate().requestBody("direct:apply-change", ChangeWrite.of(change(fenced))))
                .as("a change sent through the former leader").hasRootCauseInstanceOf(LeadershipLostException.class);
        assertThat(sandbox.putCount(fenced)).as("PUTs from the former leader").isZero();

        NotifyBuilder formerLeaderInbox = filesTaken(leader);
        files.drop("second.ndjson", changes(List.of(fenced), "Second"));
        files.awaitResult("second.ndjson", Duration.ofSeconds(30));
        assertThat(formerLeaderInbox.matches()).as("the former leader consumed an inbox file").isFalse();
        assertThat(sandbox.putCount(fenced)).as("PUTs once the new leader took over").isEqualTo(1);
    }

    @Test
    void aPodNoLongerListedDoesNotLeadAgainWhileTheLeaseStillNamesIt() throws Exception {
        SyncService a = start("pod-a");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.leadership().isLeading());
        int terms = a.leadership().timesTaken();

        kubernetes.removePod("pod-a");
        await().atMost(Duration.ofSeconds(20)).until(() -> !a.leadership().isLeading());
        assertThat(kubernetes.leaseHolder()).as("no other Pod took the Lease").isEqualTo("pod-a");
        // Camel's election names the Lease holder as leader again on its next look, although its Pod is unlisted
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> a.leadership().timesTaken() == terms && !a.leadership().isLeading());
    }

    private SyncService start(String pod) throws Exception {
        SyncService service = new SyncHarness(root, sandbox).service(kubernetes.settings(pod,
                "sync.cluster.kubernetes.lease-duration", "1s", "sync.cluster.kubernetes.renew-deadline", "600ms",
                "sync.cluster.kubernetes.retry-period", "100ms"));
        services.add(service);
        service.start();
        return service;
    }

    /** Matches once the instance's inbox route took a file (its idle polls send empty exchanges). */
    private static NotifyBuilder filesTaken(SyncService service) {
        return new NotifyBuilder(service.camel()).fromRoute("inbox")
                .filter(exchange -> exchange.getMessage().getHeader(Exchange.FILE_NAME) != null).whenDone(1).create();
    }

    private static String changes(List<String> customers, String name) {
        StringBuilder lines = new StringBuilder();
        for (String customer : customers) {
            lines.append("{\"customerId\":\"").append(customer).append("\",\"changes\":{\"companyName\":\"").append(name)
                    .append("\"}}\n");
        }
        return lines.toString();
    }

    private static ChangeToApply change(String customer) {
        String raw = "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"Fenced\"}}";
        var changes = SyncHarness.JSON.createObjectNode().put("companyName", "Fenced");
        return new ChangeToApply("fenced.json", new ChangeEntry(0, "line 1", raw.getBytes(StandardCharsets.UTF_8),
                new ChangeRequest(customer, null, changes), null, customer, null), null);
    }
}
