package io.billingsync.partnercenter;

import io.billingsync.failure.HaltingFailure;

/**
 * The TLS handshake failed because this Java runtime does not trust the server's certificate (or the certificate
 * does not name the host). A configuration error, not an outage: retrying cannot help, so processing halts.
 */
public final class UntrustedCertificateException extends RuntimeException implements HaltingFailure {

    public UntrustedCertificateException(String host, Throwable cause) {
        super("Partner Center at " + host + " presented a TLS certificate this Java runtime does not trust ("
                + MessageText.clip(rootMessage(cause), 200) + "). This is a configuration problem, not an outage: "
                + "check partnercenter.base-url; if the endpoint is right (e.g. a proxy that re-signs TLS), import its "
                + "CA certificate into a trust store and start Java with -Djavax.net.ssl.trustStore=/path/to/truststore.p12 "
                + "-Djavax.net.ssl.trustStorePassword=... (-Djavax.net.ssl.trustStoreType=PKCS12), as "
                + "docs/CONFIGURATION.md \"TLS trust\" shows. Processing is halted until then.", cause);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
