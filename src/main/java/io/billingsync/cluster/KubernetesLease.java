package io.billingsync.cluster;

import static io.billingsync.config.SettingsTable.KUBERNETES_LEASE_PREFIX;
import static io.billingsync.config.SettingsTable.KUBERNETES_MASTER_URL;
import static io.billingsync.config.SettingsTable.KUBERNETES_NAMESPACE;
import static io.billingsync.config.SettingsTable.KUBERNETES_POD_LABELS;
import static io.billingsync.config.SettingsTable.KUBERNETES_POD_NAME;

import io.billingsync.config.SyncSettings;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

/**
 * Election on a Kubernetes Lease ({@code sync.cluster=kubernetes}): Camel's Kubernetes cluster service. Only this
 * class names Kubernetes types, so the file-lock mode never loads them nor creates a client.
 */
final class KubernetesLease {
    /** Set from the downward API in the Deployment (deploy/kubernetes). */
    static final String POD_NAME_VARIABLE = "POD_NAME";
    static final String POD_NAMESPACE_VARIABLE = "POD_NAMESPACE";

    private KubernetesLease() {
    }

    static CamelClusterService service(SyncSettings settings, LeaderSettings timing, Map<String, String> environment) {
        // with a configuration given, Camel 4.18 applies the master URL and namespace set below; without one it
        // ignores them and always uses the in-cluster configuration
        KubernetesClusterService service = new KubernetesClusterService(new KubernetesConfiguration());
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(settings.value(KUBERNETES_LEASE_PREFIX));
        service.setPodName(podName(settings, environment));
        String namespace = firstSet(settings.value(KUBERNETES_NAMESPACE), environment.get(POD_NAMESPACE_VARIABLE));
        if (namespace != null) {
            service.setNamespace(namespace);
            service.setKubernetesResourcesNamespace(namespace);
        }
        URI masterUrl = settings.value(KUBERNETES_MASTER_URL);
        if (masterUrl != null) {
            service.setMasterUrl(masterUrl.toString());
        }
        service.setClusterLabels(settings.value(KUBERNETES_POD_LABELS));
        service.setLeaseDurationMillis(timing.leaseDuration().toMillis());
        service.setRenewDeadlineMillis(timing.renewDeadline().toMillis());
        service.setRetryPeriodMillis(timing.retryPeriod().toMillis());
        service.setJitterFactor(LeaderSettings.JITTER_FACTOR);
        service.setId(service.getPodName());
        return service;
    }

    /** Where the lock is, for the log: the Lease Camel names {@code <prefix>-<group>}. */
    static String describe(SyncSettings settings, Map<String, String> environment) {
        String namespace = firstSet(settings.value(KUBERNETES_NAMESPACE), environment.get(POD_NAMESPACE_VARIABLE));
        return "Lease " + (namespace == null ? "" : namespace + "/") + settings.value(KUBERNETES_LEASE_PREFIX) + "-"
                + Leadership.NAMESPACE + " (pod " + Objects.requireNonNullElse(podName(settings, environment), "named as the host")
                + ")";
    }

    private static String podName(SyncSettings settings, Map<String, String> environment) {
        return firstSet(settings.value(KUBERNETES_POD_NAME), environment.get(POD_NAME_VARIABLE), environment.get("HOSTNAME"));
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
