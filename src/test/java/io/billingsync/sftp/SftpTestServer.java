package io.billingsync.sftp;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on loopback for the tests: its files are the folder {@code root}, its host
 * key is kept in a file (the same key after a restart), users log in with a password or a public key, and it counts
 * who connected. Reads can be slowed down to catch a download in progress.
 */
public final class SftpTestServer implements AutoCloseable {
    public static final String USER = "erp";
    public static final String PASSWORD = "s3cret-Sftp-Pa55word";

    public final Path root;
    private final Path hostKey;
    private final Map<String, String> passwords = new ConcurrentHashMap<>(Map.of(USER, PASSWORD));
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private final Queue<String> logins = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Duration readDelay = Duration.ZERO;
    private SshServer server;
    private int port;

    private SftpTestServer(Path root, Path hostKey) {
        this.root = root;
        this.hostKey = hostKey;
    }

    /** Serves {@code root}, with its host key in {@code hostKey} (made on first use). */
    public static SftpTestServer start(Path root, Path hostKey) throws IOException {
        SftpTestServer sftp = new SftpTestServer(root, hostKey);
        sftp.startOn(0);
        return sftp;
    }

    private void startOn(int wantedPort) throws IOException {
        Files.createDirectories(root);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(wantedPort);
        // answers go out at once (with Nagle's algorithm each small answer of this server waits for the client's
        // delayed acknowledgement, some 40 ms a request on loopback)
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        keys.setKeySize(256);
        server.setKeyPairProvider(keys);
        server.setPasswordAuthenticator((user, password, session) -> {
            boolean ok = password.equals(passwords.get(user));
            if (ok) {
                logins.add(user);
            }
            return ok;
        });
        server.setPublickeyAuthenticator((user, key, session) -> {
            boolean ok = publicKeys.containsKey(user) && KeyUtils.compareKeys(publicKeys.get(user), key);
            if (ok) {
                logins.add(user);
            }
            return ok;
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void reading(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                                byte[] data, int dataOffset, int dataLen) {
                reads.incrementAndGet();
                long delay = readDelay.toMillis();
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        port = server.getPort();
    }

    public int port() {
        return port;
    }

    /** Stops listening (connections in progress are closed); {@link #restart()} serves again on the same port. */
    public void stop() throws IOException {
        server.stop(true);
    }

    public void restart() throws IOException {
        startOn(port);
    }

    public void addUser(String user, String password) {
        passwords.put(user, password);
    }

    /** Lets {@code user} in with {@code publicKeyLine} (OpenSSH format) and no password. */
    public void allowKey(String user, String publicKeyLine) {
        try {
            publicKeys.put(user, AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicKeyLine)
                    .resolvePublicKey(null, PublicKeyEntryResolver.IGNORING));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** known_hosts' line for this server: {@code [127.0.0.1]:port ecdsa-sha2-nistp256 AAAA...}. */
    public String knownHostsLine() {
        try {
            PublicKey key = server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
            return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint ssh-keygen -l shows for the host key ({@code SHA256:...}). */
    public String fingerprint() {
        try {
            PublicKey key = server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
            return KeyUtils.getFingerPrint(key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path writeKnownHosts(Path file) throws IOException {
        return Files.writeString(file, knownHostsLine() + "\n");
    }

    /** Users that logged in, one entry per login. */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    /** SSH connections accepted, whether they logged in or not. */
    public int sessions() {
        return sessions.get();
    }

    public int reads() {
        return reads.get();
    }

    public void slowReads(Duration delay) {
        readDelay = delay;
    }

    /**
     * A client key pair in {@code dir}: {@code id_ecdsa}, encrypted with {@code passphrase} (PEM), and returns the
     * public key's line.
     */
    public static String writeClientKey(Path privateKey, String passphrase) {
        try {
            JSch jsch = new JSch();
            KeyPair pair = KeyPair.genKeyPair(jsch, KeyPair.ECDSA, 256);
            pair.writePrivateKey(privateKey.toString(), passphrase.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
            pair.writePublicKey(publicKey, "test-client");
            pair.dispose();
            return publicKey.toString(StandardCharsets.US_ASCII).trim();
        } catch (JSchException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names in a folder, sorted; none when it does not exist. */
    public static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
