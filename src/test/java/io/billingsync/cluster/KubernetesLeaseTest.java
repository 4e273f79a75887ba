package io.billingsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.config.SyncSettings;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.junit.jupiter.api.Test;

/** How the settings and the Pod's environment become Camel's Kubernetes cluster service. */
class KubernetesLeaseTest {

    private static SyncSettings settings(String... pairs) {
        Properties properties = new Properties();
        properties.setProperty("sync.cluster", "kubernetes");
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return SyncSettings.offline(properties);
    }

    private static KubernetesClusterService service(SyncSettings settings, Map<String, String> environment) {
        return (KubernetesClusterService) KubernetesLease.service(settings, LeaderSettings.from(settings), environment);
    }

    @Test
    void thePodNameAndNamespaceComeFromTheDownwardApiUnlessSet() {
        KubernetesClusterService fromEnvironment = service(settings(),
                Map.of("POD_NAME", "sync-7d9f-x2", "POD_NAMESPACE", "billing", "HOSTNAME", "host-1"));
        assertThat(fromEnvironment.getPodName()).isEqualTo("sync-7d9f-x2");
        assertThat(fromEnvironment.getNamespace()).isEqualTo("billing");
        assertThat(fromEnvironment.getKubernetesResourcesNamespace()).isEqualTo("billing");
        assertThat(fromEnvironment.getMasterUrl()).as("in-cluster configuration").isNull();

        assertThat(service(settings(), Map.of("HOSTNAME", "host-1")).getPodName()).isEqualTo("host-1");

        KubernetesClusterService set = service(settings("sync.cluster.kubernetes.pod-name", "pod-x",
                "sync.cluster.kubernetes.namespace", "ops", "sync.cluster.kubernetes.master-url", "https://10.0.0.1:6443"),
                Map.of("POD_NAME", "sync-7d9f-x2", "POD_NAMESPACE", "billing"));
        assertThat(set.getPodName()).isEqualTo("pod-x");
        assertThat(set.getNamespace()).isEqualTo("ops");
        assertThat(set.getMasterUrl()).isEqualTo("https://10.0.0.1:6443");
    }

    @Test
    void theLeaseNameLabelsAndTimingAreTheSettings() {
        KubernetesClusterService service = service(settings("sync.cluster.kubernetes.lease-prefix", "sync",
                "sync.cluster.kubernetes.pod-labels", "app=sync,tier=batch"), Map.of("POD_NAME", "p"));
        assertThat(service.getKubernetesResourceName()).isEqualTo("sync");
        assertThat(service.getClusterLabels()).isEqualTo(Map.of("app", "sync", "tier", "batch"));
        assertThat(service.getLeaseDurationMillis()).isEqualTo(8000);
        assertThat(service.getRenewDeadlineMillis()).isEqualTo(6000);
        assertThat(service.getRetryPeriodMillis()).isEqualTo(1000);
        assertThat(KubernetesLease.describe(settings("sync.cluster.kubernetes.namespace", "billing"), Map.of("POD_NAME", "p")))
                .isEqualTo("Lease billing/leader-billing-profile-sync (pod p)");
    }
}
