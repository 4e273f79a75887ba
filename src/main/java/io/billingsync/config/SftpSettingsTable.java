package io.billingsync.config;

import static io.billingsync.config.SettingParsers.*;

import java.nio.file.Path;
import java.time.Duration;

/** The settings of the SFTP source ({@code sync.sftp.*}), declared as those of {@link SettingsTable} and part of its list. */
public final class SftpSettingsTable {
    public static final Setting<String> SFTP_HOST = new Setting<>("sync.sftp.host", null, TEXT,
            "SFTP server to fetch change files from into the inbox ([SFTP.md](SFTP.md)); empty: no fetching");
    public static final Setting<Integer> SFTP_PORT = new Setting<>("sync.sftp.port", "22", integer(1, 65535), "its port");
    public static final Setting<String> SFTP_USER = new Setting<>("sync.sftp.user", null, TEXT, "the user to log in as");
    public static final Setting<String> SFTP_PASSWORD = new Setting<>("sync.sftp.password", null, TEXT,
            "the user's password (only from the environment, `SYNC_SFTP_PASSWORD`)");
    public static final Setting<Path> SFTP_PRIVATE_KEY_FILE = new Setting<>("sync.sftp.private-key-file", null, PATH,
            "private key (OpenSSH or PEM) to log in with, instead of or before the password");
    public static final Setting<String> SFTP_PRIVATE_KEY_PASSPHRASE = new Setting<>("sync.sftp.private-key-passphrase",
            null, TEXT, "the key's passphrase (only from the environment, `SYNC_SFTP_PRIVATE_KEY_PASSPHRASE`)");
    public static final Setting<Path> SFTP_KNOWN_HOSTS_FILE = new Setting<>("sync.sftp.known-hosts-file", null, PATH,
            "`known_hosts` file holding the server's host key: the key is always checked, an unknown or changed one halts");
    public static final Setting<String> SFTP_REMOTE_FOLDER = new Setting<>("sync.sftp.remote-folder", ".", TEXT,
            "folder on the server the files are fetched from (`.`: the user's login folder)");
    public static final Setting<String> SFTP_DONE_FOLDER = new Setting<>("sync.sftp.done-folder", "done", TEXT,
            "folder on the server a fetched file is moved to, relative to the remote folder");
    public static final Setting<Boolean> SFTP_DELETE = new Setting<>("sync.sftp.delete", "false", BOOLEAN,
            "delete a fetched file on the server instead of moving it");
    public static final Setting<Duration> SFTP_STABLE_AFTER = new Setting<>("sync.sftp.stable-after", "10s",
            positiveDuration("10s"), "a remote file is taken once its size and modification time stayed the same this long");
    public static final Setting<String> SFTP_DONE_MARKER = new Setting<>("sync.sftp.done-marker", null, TEXT,
            "instead: a file is taken once `<name><marker>` exists on the server (e.g. `.done`)");
    public static final Setting<Duration> SFTP_POLL_INTERVAL = new Setting<>("sync.sftp.poll-interval", "10s",
            positiveDuration("10s"), "how often the remote folder is listed");
    public static final Setting<Duration> SFTP_RETRY_INTERVAL = new Setting<>("sync.sftp.retry-interval", "1m",
            positiveDuration("1m"), "wait after a failed attempt (server down, credentials refused, folder missing)");
    public static final Setting<Duration> SFTP_TIMEOUT = new Setting<>("sync.sftp.timeout", "30s", positiveDuration("30s"),
            "connect and read timeout");

    private SftpSettingsTable() {
    }
}
