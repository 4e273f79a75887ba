package io.billingsync.config;

import static io.billingsync.config.SftpSettingsTable.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The SFTP source's settings that only make sense together, checked when {@code sync.sftp.host} is set. */
final class SftpSettingsCheck {
    private SftpSettingsCheck() {
    }

    static void check(SettingsReader r, Map<Setting<?>, Object> values) {
        if (values.get(SFTP_HOST) == null) {
            return;
        }
        r.required(SFTP_USER, "set the user the service logs in to " + values.get(SFTP_HOST) + " as");
        if (r.required(SFTP_KNOWN_HOSTS_FILE, "set it to a known_hosts file holding the server's host key (e.g. made with"
                + " ssh-keyscan -p PORT HOST, its fingerprint checked with the server's administrator); there is no way to"
                + " accept any key") != null) {
            readable(r, SFTP_KNOWN_HOSTS_FILE, (Path) values.get(SFTP_KNOWN_HOSTS_FILE));
        }
        Path key = (Path) values.get(SFTP_PRIVATE_KEY_FILE);
        if (key != null) {
            readable(r, SFTP_PRIVATE_KEY_FILE, key);
        } else if (values.get(SFTP_PASSWORD) == null) {
            r.problem("no SFTP credentials: set " + SFTP_PRIVATE_KEY_FILE.name() + " (with "
                    + SettingsLoader.environmentName(SFTP_PRIVATE_KEY_PASSPHRASE.name()) + " in the environment when the key"
                    + " has a passphrase), or " + SettingsLoader.environmentName(SFTP_PASSWORD.name()) + " in the environment");
        }
        String marker = (String) values.get(SFTP_DONE_MARKER);
        if (marker != null && marker.contains("/")) {
            r.problem(SFTP_DONE_MARKER.name() + "=" + marker + " is not a suffix: give what follows the file's name, such as .done");
        }
    }

    private static void readable(SettingsReader r, Setting<Path> setting, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            r.problem(setting.name() + "=" + file + " is not a readable file: point it at the file (the service's user must"
                    + " be able to read it; under systemd and Kubernetes see docs/SFTP.md)");
        }
    }
}
