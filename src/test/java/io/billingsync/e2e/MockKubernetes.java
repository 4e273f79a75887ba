package io.billingsync.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/** The Pods and the Lease of an election on fabric8's mock API server, and the settings that point an instance at it. */
final class MockKubernetes {
    static final String NAMESPACE = "billing";
    static final String LEASE = "leader-billing-profile-sync";

    private final KubernetesClient client;

    /** Starts from no Pod and no Lease (the mock server lives as long as the test class). */
    MockKubernetes(KubernetesClient client) {
        this.client = client;
        client.pods().inNamespace(NAMESPACE).delete();
        client.leases().inNamespace(NAMESPACE).delete();
    }

    /** A Pod as the election lists it: labelled as the Deployment labels it, running and ready. */
    void runningPod(String name) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels("app", "billing-profile-sync").endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    /** The Pod leaves the list, as when it is deleted or stops being ready. */
    void removePod(String name) {
        client.pods().inNamespace(NAMESPACE).withName(name).delete();
    }

    String leaseHolder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** {@code sync.cluster=kubernetes} against the mock server, as {@code pod}; {@code timing} adds Lease timing. */
    Map<String, String> settings(String pod, String... timing) {
        Map<String, String> settings = new HashMap<>();
        settings.put("sync.cluster", "kubernetes");
        settings.put("sync.cluster.kubernetes.master-url", client.getMasterUrl().toString());
        settings.put("sync.cluster.kubernetes.namespace", NAMESPACE);
        settings.put("sync.cluster.kubernetes.pod-name", pod);
        for (int i = 0; i < timing.length; i += 2) {
            settings.put(timing[i], timing[i + 1]);
        }
        return settings;
    }
}
