package io.billingsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings are strict: an unknown name or an impossible combination stops the start, in the user's own words. */
class SettingsStrictnessTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("app.properties"), "partnercenter.token = x\n" + content);
    }

    @Test
    void unknownNamesInTheFileAreRefusedNamingTheClosestSetting() throws IOException {
        Path file = file("sync.concurency = 8\npartnercenter.baseurl = https://api.partnercenter.microsoft.com\n"
                + "camel.main.name = other-namespaces-are-camel's\n");

        assertThatThrownBy(() -> new SettingsLoader(Map.of(), new Properties()).load(file, Map.of()))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("sync.concurency")
                .hasMessageContaining("did you mean sync.concurrency?")
                .hasMessageContaining("partnercenter.baseurl")
                .hasMessageContaining("did you mean partnercenter.base-url?")
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("camel.main.name");
    }

    @Test
    void unknownNamesInTheEnvironmentAndSystemPropertiesAreRefusedInTheirOwnSpelling() throws IOException {
        Properties system = new Properties();
        system.setProperty("sync.retry.max-backof", "1m");
        system.setProperty("java.version.other", "ignored");

        assertThatThrownBy(() -> new SettingsLoader(Map.of("SYNC_CONCURENCY", "8", "PARTNERCENTER_BASEURL", "https://x", "PATH", "/bin"),
                system).load(file(""), Map.of("partnercenter.locle", "de-DE")))
                .hasMessageContaining("environment variable SYNC_CONCURENCY")
                .hasMessageContaining("did you mean SYNC_CONCURRENCY?")
                .hasMessageContaining("environment variable PARTNERCENTER_BASEURL")
                .hasMessageContaining("did you mean PARTNERCENTER_BASE_URL?")
                .hasMessageContaining("-Dsync.retry.max-backof")
                .hasMessageContaining("did you mean sync.retry.max-backoff?")
                .hasMessageContaining("-Dpartnercenter.locle")
                .hasMessageContaining("did you mean partnercenter.locale?")
                .hasMessageNotContaining("PATH")
                .hasMessageNotContaining("java.version");
    }

    @Test
    void everyKnownNameLoadsFromTheEnvironment() throws IOException {
        Map<String, String> environment = new java.util.HashMap<>();
        for (String name : SettingsTable.NAMES) {
            environment.put(SettingsLoader.environmentName(name), "");
        }
        Properties loaded = new SettingsLoader(environment, new Properties()).load(file(""), Map.of());
        assertThat(loaded.stringPropertyNames()).containsAll(SettingsTable.NAMES);
    }

    private static Properties settings(String... pairs) {
        Properties p = new Properties();
        p.setProperty("partnercenter.base-url", "https://api.partnercenter.microsoft.com");
        p.setProperty("partnercenter.token", "x");
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void impossibleBackoffsNameTheSettingAsTheUserWroteIt() {
        assertThatThrownBy(() -> SyncSettings.from(settings("sync.retry.max-backoff", "2d", "sync.conflict.backoff", "2h",
                "sync.retry.initial-backoff", "0s")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("sync.retry.max-backoff=2d")
                .hasMessageContaining("sync.conflict.backoff=2h")
                .hasMessageContaining("sync.retry.initial-backoff=0s")
                .hasMessageNotContaining("PT");
        assertThatThrownBy(() -> SyncSettings.from(settings("sync.retry.initial-backoff", "2m")))
                .hasMessageContaining("sync.retry.initial-backoff=2m")
                .hasMessageContaining("sync.retry.max-backoff (60s, the default)");
    }

    @Test
    void aBaseUrlLosesItsTrailingSlashesAndKeepsItsPath() {
        assertThat(SyncSettings.from(settings("partnercenter.base-url", "https://proxy.example.com/pc//")).baseUrl())
                .hasToString("https://proxy.example.com/pc");
    }

    @Test
    void theSftpPasswordAndKeyPassphraseAreRefusedAnywhereButTheEnvironment() throws IOException {
        Path file = file("sync.sftp.password = hunter2\nsync.sftp.private-key-passphrase = open-sesame\n");
        Properties system = new Properties();
        system.setProperty("sync.sftp.private-key-passphrase", "open-sesame");

        assertThatThrownBy(() -> new SettingsLoader(Map.of(), system).load(file, Map.of("sync.sftp.password", "hunter2")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(file + ": sync.sftp.password is a secret and is taken only from the environment")
                .hasMessageContaining(file + ": sync.sftp.private-key-passphrase is a secret")
                .hasMessageContaining("-Dsync.sftp.password is a secret")
                .hasMessageContaining("-Dsync.sftp.private-key-passphrase is a secret")
                .hasMessageContaining("set SYNC_SFTP_PASSWORD in the service's environment")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("open-sesame");

        Properties fromEnvironment = new SettingsLoader(Map.of("SYNC_SFTP_PASSWORD", "hunter2",
                "SYNC_SFTP_PRIVATE_KEY_PASSPHRASE", "open-sesame"), new Properties()).load(file(""), Map.of());
        assertThat(fromEnvironment.getProperty("sync.sftp.password")).isEqualTo("hunter2");
        assertThat(fromEnvironment.getProperty("sync.sftp.private-key-passphrase")).isEqualTo("open-sesame");
    }

    @Test
    void anSftpHostNeedsAUserAReadableKnownHostsFileAndCredentials() throws IOException {
        assertThatThrownBy(() -> SyncSettings.from(settings("sync.sftp.host", "sftp.example.com",
                "sync.sftp.known-hosts-file", dir.resolve("missing").toString())))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("sync.sftp.user is not set")
                .hasMessageContaining("sync.sftp.known-hosts-file=" + dir.resolve("missing") + " is not a readable file")
                .hasMessageContaining("no SFTP credentials");
        assertThatThrownBy(() -> SyncSettings.from(settings("sync.sftp.host", "sftp.example.com", "sync.sftp.user", "u",
                "sync.sftp.password", "p")))
                .hasMessageContaining("sync.sftp.known-hosts-file is not set")
                .hasMessageContaining("there is no way to accept any key");

        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "sftp.example.com ssh-ed25519 AAAA\n");
        SyncSettings valid = SyncSettings.from(settings("sync.sftp.host", "sftp.example.com", "sync.sftp.user", "u",
                "sync.sftp.password", "p", "sync.sftp.known-hosts-file", knownHosts.toString()));
        assertThat(valid.value(SftpSettingsTable.SFTP_PORT)).isEqualTo(22);
        assertThat(SyncSettings.from(settings()).value(SftpSettingsTable.SFTP_HOST)).as("off by default").isNull();
    }
}
