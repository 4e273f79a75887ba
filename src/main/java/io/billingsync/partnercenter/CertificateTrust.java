package io.billingsync.partnercenter;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * Tells a certificate this Java runtime does not trust apart from other TLS failures: the former becomes an
 * {@link UntrustedCertificateException} (halt and fix the configuration), the latter stay I/O failures (retried).
 */
public final class CertificateTrust implements ExecChainHandler {
    /** The name it has in the HTTP client's execution chain. */
    public static final String NAME = "certificate-trust";

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        try {
            return chain.proceed(request, scope);
        } catch (SSLException e) {
            if (isTrustFailure(e)) {
                throw new UntrustedCertificateException(scope.route.getTargetHost().getHostName(), e);
            }
            throw e;
        }
    }

    /** Whether a TLS failure comes from the certificate: unknown issuer, expired, not naming the host. */
    static boolean isTrustFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }
}
