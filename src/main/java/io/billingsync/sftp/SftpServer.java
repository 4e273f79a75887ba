package io.billingsync.sftp;

import static io.billingsync.config.SftpSettingsTable.*;

import io.billingsync.config.SyncSettings;
import java.nio.file.Path;
import java.time.Duration;

/** The server the change files are fetched from, as configured; no secret is kept here. */
record SftpServer(String host, int port, String user, String remoteFolder, Path knownHosts, Path privateKeyFile,
                  boolean password, Duration timeout) {

    static SftpServer from(SyncSettings settings) {
        return new SftpServer(settings.value(SFTP_HOST), settings.value(SFTP_PORT), settings.value(SFTP_USER),
                settings.value(SFTP_REMOTE_FOLDER), settings.value(SFTP_KNOWN_HOSTS_FILE),
                settings.value(SFTP_PRIVATE_KEY_FILE), settings.value(SFTP_PASSWORD) != null, settings.value(SFTP_TIMEOUT));
    }

    /** As known_hosts names it. */
    String hostAndPort() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    String credentials() {
        return privateKeyFile == null ? "password" : password ? "private key " + privateKeyFile + " and password"
                : "private key " + privateKeyFile;
    }

    @Override
    public String toString() {
        return "sftp://" + user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + remoteFolder;
    }
}
