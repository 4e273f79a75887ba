package io.billingsync.sftp;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.SftpException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Why fetching failed, in the operator's words; {@code halting} when only the operator can fix it. */
record SftpFailure(String reason, boolean halting) {

    private static final int NO_SUCH_FILE = 2;
    private static final int PERMISSION_DENIED = 3;

    static SftpFailure of(Throwable failure, SftpServer server) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JSchHostKeyException) {
                return hostKey(cause, server);
            }
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof JSchException && message.contains("auth")) {
                return new SftpFailure("the server refused to log in user " + server.user() + " with the configured "
                        + server.credentials() + " (" + cause.getMessage() + ")", true);
            }
            if (cause instanceof JSchException && (message.contains("privatekey") || message.contains("passphrase"))) {
                return new SftpFailure("the private key " + server.privateKeyFile() + " cannot be used: " + cause.getMessage()
                        + " (is SYNC_SFTP_PRIVATE_KEY_PASSPHRASE missing or wrong?)", true);
            }
            if (cause instanceof SftpException sftp && sftp.id == NO_SUCH_FILE) {
                return new SftpFailure("no such file or folder on the server (is sync.sftp.remote-folder="
                        + server.remoteFolder() + " there?): " + failure.getMessage(), false);
            }
            if (cause instanceof SftpException sftp && sftp.id == PERMISSION_DENIED) {
                return new SftpFailure("permission denied on the server (the remote folder and its done folder must be"
                        + " readable and writable by " + server.user() + "): " + failure.getMessage(), false);
            }
            if (message.contains("inputstream is closed") || message.contains("session is down")
                    || message.contains("connection is closed")) {
                return new SftpFailure("the connection to the server was lost (" + cause.getMessage() + ")", false);
            }
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException) {
                return new SftpFailure("the server cannot be reached: " + cause, false);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String detail = root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + ": " + root.getMessage();
        return new SftpFailure(detail, false);
    }

    private static SftpFailure hostKey(Throwable cause, SftpServer server) {
        String presented = HostKeyProbe.presentedKey(server.host(), server.port(), server.knownHosts(), server.timeout());
        String key = presented == null ? "a key that could not be read again" : presented;
        String check = ". Check that fingerprint with the server's administrator, then put the server's key in "
                + server.knownHosts() + " (ssh-keyscan -p " + server.port() + " " + server.host() + " prints it)";
        if (cause instanceof JSchChangedHostKeyException) {
            return new SftpFailure("the host key of " + server.hostAndPort() + " has CHANGED: it presents " + key + ", not"
                    + " the key " + server.knownHosts() + " holds for it; the connection may be intercepted, or the"
                    + " server's key was replaced" + check, true);
        }
        if (cause instanceof JSchRevokedHostKeyException) {
            return new SftpFailure("the host key of " + server.hostAndPort() + " (" + key + ") is marked @revoked in "
                    + server.knownHosts(), true);
        }
        return new SftpFailure("the host key of " + server.hostAndPort() + " is unknown: it presents " + key + ", which "
                + server.knownHosts() + " does not hold" + check, true);
    }
}
