package io.billingsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingsync.batch.RunSummary;
import io.billingsync.sandbox.PartnerCenterSandbox;
import io.billingsync.sandbox.SandboxSettings;
import io.billingsync.sandbox.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A Partner Center endpoint whose certificate this JVM does not trust: a configuration error, not an outage. */
class UntrustedCertificateTest {

    @TempDir
    Path root;

    /** The guard only stops a run that never ends; the assertions say what must happen. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anUntrustedCertificateHaltsProcessingNamingTheHostAndTheTrustStoreSettings() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(Files.createDirectories(root.resolve("tls")));
        try (SyncHarness harness = new SyncHarness(root,
                PartnerCenterSandbox.startHttps(SandboxSettings.defaults(), certificate.serverContext()))) {
            String customer = harness.sandbox.addCustomers(1).get(0);
            harness.drop("tls.json", "{\"customerId\": \"" + customer + "\", \"changes\": {\"email\": \"tls@contoso.com\"}}");

            RunSummary summary = harness.runOnce(Map.of("sync.retry.max-duration", "1h"));

            assertThat(summary.exitCode()).as("halted").isEqualTo(3);
            assertThat(summary.halts()).singleElement().asString()
                    .contains("127.0.0.1", "does not trust", "javax.net.ssl.trustStore", "not an outage");
            assertThat(harness.inbox.resolve("tls.json")).exists();
            assertThat(harness.deadLetter).isEmptyDirectory();
            assertThat(harness.sandbox.requests()).as("no request got through the handshake").isEmpty();
        }
    }
}
