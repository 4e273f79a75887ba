package io.billingsync.e2e;

import static org.awaitility.Awaitility.await;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.service.SyncService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the Lease takes to change hands with the shipped Kubernetes timing, on fabric8's mock API server: from
 * the leader's Pod leaving the Pod list to the former leader stopping and the standby leading. Run with
 * {@code mvn -B -Pbench verify}; figures go to target/benchmarks/kubernetes-takeover.md.
 */
@Tag("bench")
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesTakeoverBenchmark {
    static final int ROUNDS = 3;
    static KubernetesClient client;

    @TempDir
    Path root;

    @Test
    void takeoverWithTheShippedTiming() throws Exception {
        MockKubernetes kubernetes = new MockKubernetes(client);
        List<String> rows = new ArrayList<>(List.of("| round | former leader stops | standby leads |", "|---|---|---|"));
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.start(SandboxSettings.defaults())) {
            kubernetes.runningPod("pod-a");
            kubernetes.runningPod("pod-b");
            SyncService a = new SyncHarness(root, sandbox).service(kubernetes.settings("pod-a"));
            SyncService b = new SyncHarness(root, sandbox).service(kubernetes.settings("pod-b"));
            try (a; b) {
                a.start();
                b.start();
                for (int round = 1; round <= ROUNDS; round++) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> a.leadership().isLeading() || b.leadership().isLeading());
                    SyncService leader = a.leadership().isLeading() ? a : b;
                    SyncService standby = leader == a ? b : a;
                    String leaderPod = leader == a ? "pod-a" : "pod-b";
                    long removed = System.nanoTime();
                    kubernetes.removePod(leaderPod);
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> !leader.leadership().isLeading());
                    long stopped = System.nanoTime();
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> standby.leadership().isLeading());
                    long led = System.nanoTime();
                    rows.add("| " + round + " | " + seconds(stopped - removed) + " | " + seconds(led - removed) + " |");
                    kubernetes.runningPod(leaderPod);
                }
            }
        }
        String table = String.join("\n", rows) + "\n";
        System.out.print(table);
        Files.writeString(Files.createDirectories(Path.of("target", "benchmarks")).resolve("kubernetes-takeover.md"), table);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
