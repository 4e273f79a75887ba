package io.billingsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.sandbox.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar against an HTTPS endpoint with a certificate the JVM does not know: --once halts with exit 3 and says
 * how to trust it; started with the trust store docs/CONFIGURATION.md describes, the same run applies the change.
 */
class CertificateTrustIT {

    @TempDir
    Path root;

    @Test
    void anUntrustedCertificateExitsThreeAndTheDocumentedTrustStoreFixesIt() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(Files.createDirectories(root.resolve("tls")));
        try (PartnerCenterSandbox sandbox = PartnerCenterSandbox.startHttps(SandboxSettings.defaults(), certificate.serverContext())) {
            String customer = sandbox.addCustomers(1).get(0);
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            Files.writeString(inbox.resolve("tls.json"), "{\"customerId\":\"" + customer + "\",\"changes\":{\"email\":\"trusted@contoso.com\"}}");
            Path config = ServiceProcess.writeConfig(root, "partnercenter.base-url = " + sandbox.baseUrl());
            Map<String, String> token = Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken());

            Path untrustedLog = root.resolve("untrusted.log");
            try (ServiceProcess run = ServiceProcess.start(config, untrustedLog, token, "--once")) {
                assertThat(run.awaitExit(60)).as(Files.readString(untrustedLog)).isEqualTo(3);
            }
            assertThat(Files.readString(untrustedLog)).contains("127.0.0.1", "javax.net.ssl.trustStore");
            assertThat(inbox.resolve("tls.json")).exists();

            Path trustedLog = root.resolve("trusted.log");
            Map<String, String> trusted = Map.of("PARTNERCENTER_TOKEN", sandbox.staticToken(), "JAVA_TOOL_OPTIONS",
                    "-Djavax.net.ssl.trustStore=" + certificate.trustStore + " -Djavax.net.ssl.trustStorePassword="
                            + SelfSignedCertificate.PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12");
            try (ServiceProcess run = ServiceProcess.start(config, trustedLog, trusted, "--once")) {
                assertThat(run.awaitExit(60)).as(Files.readString(trustedLog)).isZero();
            }
            assertThat(sandbox.profile(customer).path("email").asText()).isEqualTo("trusted@contoso.com");
        }
    }
}
