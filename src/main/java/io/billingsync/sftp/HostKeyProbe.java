package io.billingsync.sftp;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Which host key the server presents, for the message of a key the known_hosts file does not accept: JSch's own
 * exception names the fingerprint only for some of these cases. The probe ends at the key check (before any
 * credentials are sent) and is made only after such a refusal.
 */
final class HostKeyProbe {
    private HostKeyProbe() {
    }

    /** "ecdsa-sha2-nistp256 key SHA256:..."; null when the server could not be asked or its key is accepted now. */
    static String presentedKey(String host, int port, Path knownHosts, Duration timeout) {
        JSch jsch = new JSch();
        Session session = null;
        try {
            jsch.setKnownHosts(knownHosts.toString());
            session = jsch.getSession("host-key-probe", host, port);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey"); // none offered: no login attempt is made
            session.connect((int) timeout.toMillis());
            return null;
        } catch (JSchException e) {
            HostKey key = session == null ? null : session.getHostKey();
            return key == null ? null : key.getType() + " key " + key.getFingerPrint(jsch);
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
    }
}
