package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.RecordedRequest;
import io.billingsync.testkit.SandboxExtension;
import io.billingsync.testkit.SandboxExtension.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Settings through the jar as an operator gives them: from the file, the environment and -D, all alike and strict. */
@ExtendWith(SandboxExtension.class)
class SettingsIT {
    @Root
    Path root;
    PartnerCenterSandbox sandbox;

    record Run(int exitCode, String output) {
    }

    private Run once(Map<String, String> environment, String... settings) throws Exception {
        Path config = ServiceProcess.writeConfig(root, settings);
        Path log = root.resolve("run.log");
        Files.deleteIfExists(log);
        Map<String, String> withToken = new HashMap<>(environment);
        withToken.put("PARTNERCENTER_TOKEN", sandbox.staticToken());
        try (ServiceProcess service = ServiceProcess.start(config, log, withToken, "--once")) {
            int exitCode = service.awaitExit(90);
            return new Run(exitCode, Files.readString(log));
        }
    }

    private void drop(String name, String customer) throws IOException {
        Files.createDirectories(root.resolve("inbox"));
        Files.writeString(root.resolve("inbox").resolve(name), "{\"customerId\":\"" + customer + "\",\"changes\":{\"companyName\":\"" + name + "\"}}");
    }

    @Test
    void aBaseUrlWithAPathPrefixAndATrailingSlashWorksFromTheFileTheEnvironmentAndMinusD() throws Exception {
        List<String> customers = sandbox.addCustomers(3);
        sandbox.pathPrefix("/pc");
        String baseUrl = sandbox.baseUrl() + "/pc/";

        drop("file.json", customers.get(0));
        Run fromFile = once(Map.of(), "partnercenter.base-url = " + baseUrl, "sync.log.level = WARN");
        drop("environment.json", customers.get(1));
        Run fromEnvironment = once(Map.of("PARTNERCENTER_BASE_URL", baseUrl));
        drop("minus-d.json", customers.get(2));
        Run fromMinusD = once(Map.of("JAVA_TOOL_OPTIONS", "-Dpartnercenter.base-url=" + baseUrl));

        for (Run run : List.of(fromFile, fromEnvironment, fromMinusD)) {
            assertThat(run.exitCode()).as(run.output()).isZero();
        }
        assertThat(fromFile.output()).as("sync.log.level from the file").doesNotContain("ChangeApplier");
        assertThat(fromEnvironment.output()).contains("ChangeApplier");
        for (int i = 0; i < 3; i++) {
            assertThat(sandbox.profile(customers.get(i)).path("companyName").asText()).endsWith(".json");
        }
        assertThat(sandbox.requests()).extracting(RecordedRequest::path)
                .hasSize(6)
                .allMatch(path -> path.startsWith("/pc/v1/customers/"), "under the path prefix, without a double slash");
    }

    @Test
    void unknownNamesAreRefusedFromEverySourceNamingTheClosestSetting() throws Exception {
        Run run = once(Map.of("SYNC_INBOX_QUIET_PERIODE", "1s", "JAVA_TOOL_OPTIONS", "-Dpartnercenter.baseurl=https://x.example.com"),
                "partnercenter.base-url = " + sandbox.baseUrl(), "sync.concurency = 8");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("sync.concurency is not a setting: did you mean sync.concurrency?",
                "environment variable SYNC_INBOX_QUIET_PERIODE is not a setting: did you mean SYNC_INBOX_QUIET_PERIOD?",
                "-Dpartnercenter.baseurl is not a setting: did you mean partnercenter.base-url?");
        assertThat(root.resolve("done")).doesNotExist();
    }

    @Test
    void impossibleWaitsExit2NamingTheSettingAsWritten() throws Exception {
        Run run = once(Map.of(), "partnercenter.base-url = " + sandbox.baseUrl(), "sync.retry.max-backoff = 2d",
                "sync.conflict.backoff = 2h", "sync.retry.initial-backoff = 0s");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("sync.retry.max-backoff=2d", "sync.conflict.backoff=2h", "sync.retry.initial-backoff=0s")
                .doesNotContain("PT");
    }

    @Test
    void theDefaultFileLockRunLoadsNoKubernetesClassAndAnUnknownClusterExits2() throws Exception {
        String customer = sandbox.addCustomers(1).get(0);
        drop("one.json", customer);
        Path classes = root.resolve("classes.log");
        Run run = once(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes),
                "partnercenter.base-url = " + sandbox.baseUrl());
        assertThat(run.exitCode()).as(run.output()).isZero();
        String loaded = Files.readString(classes);
        assertThat(loaded).as("classes loaded").contains("io.billingsync.cluster.LeaderElection")
                .doesNotContain("io.fabric8.").doesNotContain("org.apache.camel.component.kubernetes.")
                .doesNotContain("io.billingsync.cluster.KubernetesLease");

        Run unknown = once(Map.of("SYNC_CLUSTER", "zookeeper"), "partnercenter.base-url = " + sandbox.baseUrl());
        assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(2);
        assertThat(unknown.output()).contains("sync.cluster=zookeeper is not one of: file, kubernetes");
    }

    @Test
    void aFolderThatCannotBeUsedNamesItsSetting() throws Exception {
        Files.writeString(root.resolve("done-is-a-file"), "not a folder");
        Run run = once(Map.of(), "partnercenter.base-url = " + sandbox.baseUrl(), "sync.done = " + root.resolve("done-is-a-file"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("sync.done=" + root.resolve("done-is-a-file") + " is a file, not a folder");
    }
}
