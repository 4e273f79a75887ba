package io.billingsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncSettingsTest {

    @TempDir
    Path dir;

    /** Only the settings without a default: Partner Center's address and a token. */
    private static Properties required() {
        Properties p = new Properties();
        p.setProperty("partnercenter.base-url", "https://api.partnercenter.microsoft.com");
        p.setProperty("partnercenter.token", "x");
        return p;
    }

    private Properties load(Map<String, String> environment, Properties system, Map<String, String> commandLine)
            throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "sync.concurrency = 3\npartnercenter.base-url = https://api.partnercenter.microsoft.com\n"
                + "sync.retry.max-duration = 2h\n");
        return new SettingsLoader(environment, system).load(file, commandLine);
    }

    @Test
    void environmentOverridesTheFileAndSystemPropertiesOverrideTheEnvironment() throws IOException {
        Properties system = new Properties();
        system.setProperty("sync.retry.max-duration", "PT5M");
        Properties p = load(Map.of("SYNC_CONCURRENCY", "7", "SYNC_RETRY_MAX_DURATION", "1h",
                "PARTNERCENTER_TOKEN", "t0ken"), system, Map.of());
        SyncSettings settings = SyncSettings.from(p);
        assertThat(settings.concurrency()).isEqualTo(7);
        assertThat(settings.retryMaxDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.staticToken()).isEqualTo("t0ken");
        assertThat(settings.toString()).doesNotContain("t0ken");
    }

    @Test
    void addressValidationStatusesAreWordsAndDeadLetterOnlyWithTheValidationOn() {
        Properties strict = required();
        strict.setProperty("sync.address-validation", "true");
        strict.setProperty("sync.address-validation.dead-letter-statuses", "None, NotValidated");
        assertThat(SyncSettings.from(strict).addressValidationDeadLetters()).containsExactlyInAnyOrder("None", "NotValidated");
        assertThat(SyncSettings.from(required()).addressValidationDeadLetters()).isEmpty();

        Properties off = required();
        off.setProperty("sync.address-validation.dead-letter-statuses", "None");
        assertThatThrownBy(() -> SyncSettings.from(off)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("sync.address-validation is false");
        strict.setProperty("sync.address-validation.dead-letter-statuses", "None;Multiple");
        assertThatThrownBy(() -> SyncSettings.from(strict)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("sync.address-validation.dead-letter-statuses=None;Multiple is not a list of words");
    }

    @Test
    void environmentVariableNamesFollowTheSpec() {
        assertThat(SettingsLoader.environmentName("partnercenter.auth.client-secret"))
                .isEqualTo("PARTNERCENTER_AUTH_CLIENT_SECRET");
    }

    @Test
    void refusesToStartWithoutAnEndpointAndSaysWhatToSet() {
        Properties p = new Properties();
        p.setProperty("partnercenter.token", "x");
        assertThatThrownBy(() -> SyncSettings.from(p))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("partnercenter.base-url is not set")
                .hasMessageContaining("PARTNERCENTER_BASE_URL")
                .hasMessageContaining("--sandbox");
    }

    @Test
    void reportsEveryProblemAtOnceNamingPropertyAndFix() {
        Properties p = new Properties();
        p.setProperty("partnercenter.base-url", "http://partner.example.com");
        p.setProperty("partnercenter.token", "x");
        p.setProperty("sync.concurrency", "zero");
        p.setProperty("sync.retry.max-duration", "soon");
        assertThatThrownBy(() -> SyncSettings.from(p))
                .hasMessageContaining("must use https")
                .hasMessageContaining("sync.concurrency=zero is not a whole number")
                .hasMessageContaining("sync.retry.max-duration");
    }

    @Test
    void plainHttpIsAcceptedOnlyForLoopback() {
        Properties p = new Properties();
        p.setProperty("partnercenter.base-url", "http://127.0.0.1:8080");
        p.setProperty("partnercenter.token", "x");
        assertThat(SyncSettings.from(p).baseUrl().toString()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void everyRequestHasADeadlineOfSixtySecondsUnlessSet() {
        Properties p = required();
        assertThat(SyncSettings.from(p).requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        p.setProperty("partnercenter.request-timeout", "90s");
        assertThat(SyncSettings.from(p).requestTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aTimeoutOfZeroThatWouldWaitForeverIsRefusedNamingTheSetting() {
        Properties p = required();
        p.setProperty("partnercenter.request-timeout", "0s");
        p.setProperty("camel.component.http.response-timeout", "0");
        p.setProperty("camel.component.http.connect-timeout", "0");
        p.setProperty("camel.component.http.connection-request-timeout", "soon");
        assertThatThrownBy(() -> SyncSettings.from(p))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("partnercenter.request-timeout=0s would wait forever")
                .hasMessageContaining("camel.component.http.response-timeout=0 is not a timeout")
                .hasMessageContaining("camel.component.http.connect-timeout=0")
                .hasMessageContaining("camel.component.http.connection-request-timeout=soon");
    }

    @Test
    void shippedConfigurationMatchesTheCodeDefaults() {
        Properties shipped = new SettingsLoader(Map.of(), new Properties())
                .load(Path.of("config", "application.properties"), Map.of("partnercenter.token", "x",
                        "partnercenter.base-url", "https://api.partnercenter.microsoft.com"));
        assertThat(SyncSettings.from(shipped)).isEqualTo(SyncSettings.from(required()));
    }

    @Test
    void theClusterIsTheFileLockUnlessKubernetesIsChosen() {
        Properties p = required();
        SyncSettings defaults = SyncSettings.from(p);
        assertThat(defaults.value(SettingsTable.CLUSTER)).isEqualTo("file");
        assertThat(defaults.value(SettingsTable.KUBERNETES_POD_LABELS)).isEqualTo(Map.of("app", "billing-profile-sync"));
        assertThat(defaults.value(SettingsTable.KUBERNETES_MASTER_URL)).isNull();

        p.setProperty("sync.cluster", "kubernetes");
        p.setProperty("sync.cluster.kubernetes.pod-labels", "app=sync, tier=batch");
        p.setProperty("sync.cluster.kubernetes.master-url", "https://10.0.0.1:6443");
        SyncSettings kubernetes = SyncSettings.from(p);
        assertThat(kubernetes.value(SettingsTable.CLUSTER)).isEqualTo("kubernetes");
        assertThat(kubernetes.value(SettingsTable.KUBERNETES_POD_LABELS)).isEqualTo(Map.of("app", "sync", "tier", "batch"));
    }

    @Test
    void clusterSettingsThatCannotWorkAreRefusedNamingTheSetting() {
        Properties p = required();
        p.setProperty("sync.cluster", "zookeeper");
        p.setProperty("sync.cluster.kubernetes.namespace", "Billing_Sync");
        p.setProperty("sync.cluster.kubernetes.pod-labels", "app");
        p.setProperty("sync.cluster.kubernetes.master-url", "kubernetes.default");
        assertThatThrownBy(() -> SyncSettings.from(p))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("sync.cluster=zookeeper is not one of: file, kubernetes")
                .hasMessageContaining("sync.cluster.kubernetes.namespace=Billing_Sync is not a Kubernetes name")
                .hasMessageContaining("sync.cluster.kubernetes.pod-labels=app is not a list of labels")
                .hasMessageContaining("sync.cluster.kubernetes.master-url=kubernetes.default is not an http(s) URL");
    }
}
