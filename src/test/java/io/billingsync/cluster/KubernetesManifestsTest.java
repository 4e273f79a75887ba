package io.billingsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.config.SettingsLoader;
import io.billingsync.config.Setting;
import io.billingsync.config.SettingsTable;
import io.billingsync.config.SftpSettingsTable;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes, read with fabric8's typed model: a malformed manifest, or one that drifts from the settings
 * and endpoints the service has, fails the build.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesManifestsTest {
    static final Path FOLDER = Path.of("deploy", "kubernetes");
    static KubernetesClient client;
    static List<HasMetadata> objects;

    @BeforeAll
    static void load() throws IOException {
        objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    List<HasMetadata> items = client.load(in).items();
                    assertThat(items).as(file + ": Kubernetes objects").isNotEmpty();
                    objects.addAll(items);
                }
            }
        }
    }

    private static <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as("one %s in %s", kind.getSimpleName(), FOLDER).hasSize(1);
        return found.get(0);
    }

    private static PodSpec pod() {
        return one(Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static Container service() {
        return pod().getContainers().get(0);
    }

    @Test
    void theDeploymentRunsTwoReplicasWithTheLabelsTheElectionListsAndItsOwnServiceAccount() {
        Deployment deployment = one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).as("replicas").isGreaterThanOrEqualTo(2);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).as("Pod labels: %s", SettingsTable.KUBERNETES_POD_LABELS.name())
                .containsAllEntriesOf(SettingsTable.KUBERNETES_POD_LABELS.defaultParsed());
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(podLabels);
        assertThat(pod().getServiceAccountName()).isEqualTo(one(ServiceAccount.class).getMetadata().getName());
        assertThat(settings()).containsEntry(SettingsTable.CLUSTER.name(), "kubernetes");
    }

    @Test
    void theRoleLetsThePodsHoldTheLeaseAndListThePodsAndIsBoundToTheirServiceAccount() {
        List<PolicyRule> rules = one(Role.class).getRules();
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getApiGroups()).contains("coordination.k8s.io");
            assertThat(rule.getResources()).contains("leases");
            assertThat(rule.getVerbs()).contains("get", "list", "watch", "create", "update", "patch");
        });
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getApiGroups()).contains("");
            assertThat(rule.getResources()).contains("pods");
            assertThat(rule.getVerbs()).contains("get", "list", "watch");
        });
        RoleBinding binding = one(RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(one(Role.class).getMetadata().getName());
        assertThat(binding.getSubjects()).anySatisfy(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(pod().getServiceAccountName());
        });
    }

    @Test
    void probesAskTheManagementPortWhetherTheServiceRuns() throws IOException {
        int managementPort = Integer.parseInt(shippedProperties().getProperty("camel.management.port"));
        assertThat(service().getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getContainerPort()).isEqualTo(managementPort);
        });
        for (Probe probe : List.of(service().getLivenessProbe(), service().getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/observe/health/live");
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
        }
        assertThat(settings()).as("the management port must listen on the Pod's address")
                .containsEntry("camel.management.host", "0.0.0.0");
        assertThat(service().getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(service().getResources().getLimits()).containsKey("memory");
    }

    @Test
    void theFoldersAndTheRefreshTokenLiveOnOneSharedReadWriteManyVolume() {
        PersistentVolumeClaim claim = one(PersistentVolumeClaim.class);
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        String dataMount = service().getVolumeMounts().stream()
                .filter(mount -> pod().getVolumes().stream().anyMatch(volume -> volume.getName().equals(mount.getName())
                        && volume.getPersistentVolumeClaim() != null
                        && volume.getPersistentVolumeClaim().getClaimName().equals(claim.getMetadata().getName())))
                .findFirst().orElseThrow().getMountPath();
        Map<String, String> settings = settings();
        for (String folder : List.of(SettingsTable.INBOX.name(), SettingsTable.DONE.name(), SettingsTable.DEAD_LETTER.name(),
                SettingsTable.WORK.name(), SettingsTable.REFRESH_TOKEN_FILE.name())) {
            assertThat(settings.get(folder)).as(folder).startsWith(dataMount + "/");
        }
    }

    @Test
    void secretsComeFromTheSecretAndPodNameAndNamespaceFromTheDownwardApi() {
        EnvVar clientSecret = env(SettingsLoader.environmentName(SettingsTable.CLIENT_SECRET.name()));
        assertThat(clientSecret.getValueFrom().getSecretKeyRef()).as("client secret from a Secret").isNotNull();
        assertThat(one(ConfigMap.class).getData()).as("no secret in the ConfigMap")
                .doesNotContainKeys(SettingsLoader.environmentName(SettingsTable.CLIENT_SECRET.name()),
                        SettingsLoader.environmentName(SettingsTable.REFRESH_TOKEN.name()),
                        SettingsLoader.environmentName(SettingsTable.TOKEN.name()));
        assertThat(pod().getVolumes()).anySatisfy(volume -> assertThat(volume.getSecret()).isNotNull());
        assertThat(env(KubernetesLease.POD_NAME_VARIABLE).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env(KubernetesLease.POD_NAMESPACE_VARIABLE).getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
    }

    @Test
    void theSftpSecretsComeFromASecretAndItsKeyMaterialIsMountedReadOnly() {
        for (Setting<String> secret : SettingsTable.ENVIRONMENT_ONLY) {
            String name = SettingsLoader.environmentName(secret.name());
            assertThat(env(name).getValueFrom().getSecretKeyRef()).as(name + " from a Secret").isNotNull();
            assertThat(one(ConfigMap.class).getData()).as("no secret in the ConfigMap").doesNotContainKey(name);
        }
        String sftpSecret = env(SettingsLoader.environmentName(SftpSettingsTable.SFTP_PASSWORD.name())).getValueFrom()
                .getSecretKeyRef().getName();
        String volume = pod().getVolumes().stream().filter(v -> v.getSecret() != null
                && v.getSecret().getSecretName().equals(sftpSecret)).findFirst().orElseThrow().getName();
        assertThat(service().getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(volume);
            assertThat(mount.getReadOnly()).isTrue();
            assertThat(mount.getMountPath()).isEqualTo("/etc/billing-profile-sync/sftp");
        });
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() throws IOException {
        Set<String> known = new HashSet<>(List.of(KubernetesLease.POD_NAME_VARIABLE, KubernetesLease.POD_NAMESPACE_VARIABLE,
                "LANG", "JAVA_TOOL_OPTIONS"));
        SettingsTable.NAMES.forEach(name -> known.add(SettingsLoader.environmentName(name)));
        shippedProperties().stringPropertyNames().forEach(name -> known.add(SettingsLoader.environmentName(name)));
        Set<String> given = new HashSet<>(one(ConfigMap.class).getData().keySet());
        service().getEnv().forEach(variable -> given.add(variable.getName()));
        assertThat(known).as("settings and variables the service reads").containsAll(given);
        assertThat(service().getEnvFrom()).anySatisfy(source -> assertThat(source.getConfigMapRef().getName())
                .isEqualTo(one(ConfigMap.class).getMetadata().getName()));
    }

    /** The settings the ConfigMap gives, by property name. */
    private static Map<String, String> settings() {
        Map<String, String> byEnvironmentName = one(ConfigMap.class).getData();
        Map<String, String> settings = new java.util.HashMap<>();
        try {
            Set<String> names = new HashSet<>(SettingsTable.NAMES);
            names.addAll(shippedProperties().stringPropertyNames());
            names.forEach(name -> {
                String value = byEnvironmentName.get(SettingsLoader.environmentName(name));
                if (value != null) {
                    settings.put(name, value);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return settings;
    }

    private static EnvVar env(String name) {
        return service().getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no environment variable " + name + " in the Deployment"));
    }

    private static Properties shippedProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("config", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
